import { availableParallelism } from 'node:os';
import { MatchingInputError, type matchProgram, type suggestCandidates } from '@tandem/matching-engine';
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

export function createEnginePool(threads = DEFAULT_ENGINE_THREADS): EnginePool {
  // The engine is TypeScript run through tsx. Workers inherit the process's loader (node --import
  // tsx, or the tsx CLI); where the process has none (the test runner transforms in-process), they
  // get it explicitly.
  const hasLoader = process.execArgv.some((arg) => arg.includes('tsx'));
  const pool = new Piscina<EngineTask, EngineAnswer<unknown>>({
    filename: new URL('./engine-worker.ts', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    // A thread that starts costs a few hundred ms (loading the engine): keep one a while for the next run.
    idleTimeout: 60_000,
    execArgv: hasLoader ? process.execArgv : [...process.execArgv, '--import', 'tsx'],
  });
  let closing: Promise<void> | undefined;
  const run = async <T>(task: EngineTask): Promise<T> => {
    // piscina would start a fresh thread after destroy(); a closed service must not.
    if (closing) throw new Error('the matching engine pool is closed');
    const answer = await pool.run(task);
    if (!answer.ok) throw new MatchingInputError(answer.issues);
    return answer.value as T;
  };
  return {
    match: (...args) => run({ op: 'match', args }),
    suggest: (...args) => run({ op: 'suggest', args }),
    close() {
      // Runs still going are abandoned: their transaction has not started, so nothing is half-written.
      closing ??= pool.destroy();
      return closing;
    },
  };
}
