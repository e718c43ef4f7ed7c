import { notFound, type Sql } from '@tandem/platform';
import type { MatchProposal } from './matches';

/** A matching run as kept for audit: what was asked, what came out. */
export interface RunRow {
  id: string;
  program_id: string;
  kind: 'run' | 'rematch';
  status: 'completed';
  objective: string;
  dry_run: boolean;
  parameters: Record<string, unknown>;
  total_score: number;
  stats: Record<string, unknown>;
  unmatched: { participantId: string; reason: string }[];
  warnings: string[];
  preview: MatchProposal[] | null;
  requested_by: string;
  created_at: Date;
}

export const runSummary = (r: RunRow) => ({
  id: r.id,
  programId: r.program_id,
  kind: r.kind,
  status: r.status,
  objective: r.objective,
  dryRun: r.dry_run,
  parameters: r.parameters,
  totalScore: r.total_score,
  stats: r.stats,
  warnings: r.warnings,
  createdAt: r.created_at.toISOString(),
});

/** The whole run: its matches (the stored ones of a published run, the preview of a dry run) and who was left out. */
export const runView = (r: RunRow, matches: readonly unknown[]) => ({
  ...runSummary(r),
  matches,
  unmatched: r.unmatched,
});

export async function findRun(sql: Sql, id: string): Promise<RunRow> {
  const r = await sql.query<RunRow>(`SELECT * FROM matching_runs WHERE id = $1`, [id]);
  if (!r.rows[0]) throw notFound('matching run');
  return r.rows[0];
}
