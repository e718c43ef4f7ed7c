import { MatchingInputError, matchProgram, suggestCandidates, type InputIssue } from '@tandem/matching-engine';

/** What the matching service asks of the engine off the event loop: whole-pool computations. */
export type EngineTask =
  | { op: 'match'; args: Parameters<typeof matchProgram> }
  | { op: 'suggest'; args: Parameters<typeof suggestCandidates> };

/** Input errors cross the thread as data (an Error subclass would arrive as a plain Error). */
export type EngineAnswer<T> = { ok: true; value: T } | { ok: false; issues: readonly InputIssue[] };

/** The worker's entry point: runs one task (piscina calls the default export). */
export default function runEngineTask(task: EngineTask): EngineAnswer<unknown> {
  try {
    const value = task.op === 'match' ? matchProgram(...task.args) : suggestCandidates(...task.args);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof MatchingInputError) return { ok: false, issues: error.issues };
    throw error;
  }
}
