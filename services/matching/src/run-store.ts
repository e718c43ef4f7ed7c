import type { Problem } from '@tandem/contracts';
import { AppError, notFound, type Sql } from '@tandem/platform';
import type { MatchProposal } from './matches';

/**
 * A background run still 'running' after this long was cut off (its process stopped): no run takes
 * that long, so it is shown as failed and may simply be run again.
 */
export const RUN_ABANDONED_AFTER_MS = 30 * 60_000;

/** A matching run as kept for audit: what was asked, what came out. */
export interface RunRow {
  id: string;
  program_id: string;
  kind: 'run' | 'rematch';
  status: 'running' | 'completed' | 'failed';
  objective: string;
  dry_run: boolean;
  parameters: Record<string, unknown>;
  /** Null until a run completes. */
  total_score: number | null;
  stats: Record<string, unknown> | null;
  unmatched: { participantId: string; reason: string }[] | null;
  warnings: string[] | null;
  preview: MatchProposal[] | null;
  error: Problem | null;
  requested_by: string;
  created_at: Date;
  completed_at: Date | null;
}

const interrupted = (r: RunRow) => r.status === 'running' && Date.now() - r.created_at.getTime() > RUN_ABANDONED_AFTER_MS;

export const runSummary = (r: RunRow) => {
  const cutOff = interrupted(r);
  const error = cutOff ? new AppError(500, 'interrupted', 'the run stopped before it finished; run it again').toProblem() : r.error;
  return {
    id: r.id,
    programId: r.program_id,
    kind: r.kind,
    status: cutOff ? 'failed' : r.status,
    objective: r.objective,
    dryRun: r.dry_run,
    parameters: r.parameters,
    totalScore: r.total_score,
    stats: r.stats,
    warnings: r.warnings ?? [],
    ...(error ? { error } : {}),
    createdAt: r.created_at.toISOString(),
    ...(r.completed_at ? { completedAt: r.completed_at.toISOString() } : {}),
  };
};

/** The whole run: its matches (the stored ones of a published run, the preview of a dry run) and who was left out. */
export const runView = (r: RunRow, matches: readonly unknown[]) => ({
  ...runSummary(r),
  matches,
  unmatched: r.unmatched ?? [],
});

export async function findRun(sql: Sql, id: string): Promise<RunRow> {
  const r = await sql.query<RunRow>(`SELECT * FROM matching_runs WHERE id = $1`, [id]);
  if (!r.rows[0]) throw notFound('matching run');
  return r.rows[0];
}
