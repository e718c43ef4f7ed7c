import { availableParallelism } from 'node:os';
import { MatchingInputError, type matchProgram, type suggestCandidates } from '@tandem/matching-engine';
import { countEngineRun, inSpan, observeEnginePool } from '@tandem/platform';
import { Piscina } from 'piscina';
import type { EngineAnswer, EngineTask } from './engine-worker';

/**
 * The engine off the event loop. A whole-pool run takes seconds to a minute at 100k people; on the
 * service's own thread it would stall every request, health check and consumer heartbeat meanwhile.
 * Worker threads (piscina) run it instead; more runs than threads wait in piscina's queue.
 */
export interface EnginePool {
  match(...args: Parameters<typeof matchProgram>): Promise<ReturnType<typeof matchProgram>>;
  suggest(...args: Parameters<typeof suggestCandidates>): Promise<ReturnType<typeof suggestCandidates>>;
  close(): Promise<void>;
}

/** One core stays with the service's own thread (HTTP, consumers); at least one thread. */
export const DEFAULT_ENGINE_THREADS = Math.max(1, availableParallelism() - 1);

/**
 * How workers load the engine. Compiled, the worker is the JavaScript file beside this one (the
 * build emits it next to every entry point: import.meta.filename is the real file, while
 * import.meta.url may point at the source for finding migrations). From source, the engine is
 * TypeScript run through tsx: workers inherit the process's loader (node --import tsx, or the tsx
 * CLI), or get it explicitly where the process has none (the test runner transforms in-process).
 * The tracing preload stays with the service thread: workers make no spans.
 */
function workerOptions(): { filename: string; execArgv: string[] } {
  const execArgv: string[] = [];
  for (let i = 0; i < process.execArgv.length; i += 1) {
    const arg = process.execArgv[i]!;
    if (arg === '--import' && /instrument\.(ts|js)$/.test(process.execArgv[i + 1] ?? '')) i += 1;
    else if (!/^--import=.*instrument\.(ts|js)$/.test(arg)) execArgv.push(arg);
  }
  if (import.meta.filename.endsWith('.js')) {
    return { filename: new URL('./engine-worker.js', `file://${import.meta.filename}`).href, execArgv };
  }
  const hasLoader = execArgv.some((arg) => arg.includes('tsx'));
  return { filename: new URL('./engine-worker.ts', import.meta.url).href, execArgv: hasLoader ? execArgv : [...execArgv, '--import', 'tsx'] };
}

export function createEnginePool(threads = DEFAULT_ENGINE_THREADS): EnginePool {
  const pool = new Piscina<EngineTask, EngineAnswer<unknown>>({
    ...workerOptions(),
    minThreads: 0,
    maxThreads: threads,
    // A thread that starts costs a few hundred ms (loading the engine): keep one a while for the next run.
    idleTimeout: 60_000,
  });
  const unobserve = observeEnginePool(pool);
  let closing: Promise<void> | undefined;
  // One span per engine call (its queue wait included), and one count by outcome: input errors are
  // the caller's (answered 4xx); anything else thrown is a failed run.
  const run = <T>(task: EngineTask): Promise<T> => inSpan(`matching.engine ${task.op}`, {}, async (span) => {
    // piscina would start a fresh thread after destroy(); a closed service must not.
    if (closing) throw new Error('the matching engine pool is closed');
    span.setAttribute('tandem.engine.people', task.args[1].length);
    let answer: EngineAnswer<unknown>;
    try {
      answer = await pool.run(task);
    } catch (error) {
      countEngineRun(task.op, 'failed');
      throw error;
    }
    countEngineRun(task.op, answer.ok ? 'completed' : 'rejected');
    if (!answer.ok) throw new MatchingInputError(answer.issues);
    return answer.value as T;
  });
  return {
    match: (...args) => run({ op: 'match', args }),
    suggest: (...args) => run({ op: 'suggest', args }),
    close() {
      // Runs still going are abandoned: their transaction has not started, so nothing is half-written.
      unobserve();
      closing ??= pool.destroy();
      return closing;
    },
  };
}
