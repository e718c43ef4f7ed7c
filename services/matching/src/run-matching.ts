import type { MatchResult } from '@tandem/matching-engine';
import { AppError, conflict, createEvent, uuidv7, writeToOutbox, type ServiceContext, type TenantContext } from '@tandem/platform';
import { callEngine, programSettings, type SettingsOverrides } from './engine';
import type { EnginePool } from './engine-pool';
import { createMatches, type MatchProposal, type MatchRow } from './matches';
import { activeMatches, loadPool, poolDigest, previousPartners, toParticipant } from './pool';
import { assertMatchable, findProgram } from './programs';
import type { RunRow } from './run-store';

export interface RunRequest extends SettingsOverrides {
  /** 'rematch' excludes everyone's previous partners. */
  kind: 'run' | 'rematch';
  seed: number;
  dryRun: boolean;
}

export interface RunOutcome {
  run: RunRow;
  /** The matches a published run created; a dry run's proposals stay in run.preview. */
  matches: MatchRow[];
}

const countByReason = (unmatched: MatchResult['unmatched']) => {
  const counts: Record<string, number> = {};
  for (const u of unmatched) counts[u.reason] = (counts[u.reason] ?? 0) + 1;
  return counts;
};

/**
 * One matching run. The engine can take seconds, so it runs between two transactions: a snapshot
 * of program, pool and active matches is read first, and the results are written in one
 * transaction afterwards, only if the pool and its matches are still what the engine saw. Only
 * people without an active match (and mentors' spare capacity) are matched: existing matches stay.
 */
export async function runMatching(
  ctx: ServiceContext,
  engine: EnginePool,
  caller: TenantContext,
  programId: string,
  request: RunRequest,
): Promise<RunOutcome> {
  const { tenantId } = caller;
  const snapshot = await ctx.db.withTenant(tenantId, async (sql) => {
    const program = await findProgram(sql, programId);
    assertMatchable(program);
    const pool = await loadPool(sql, programId);
    if (pool.length === 0) {
      throw new AppError(422, 'no-approved-enrollments', 'the program has no approved enrollments to match yet');
    }
    return {
      program,
      pool,
      existing: await activeMatches(sql, programId),
      history: request.kind === 'rematch' ? await previousPartners(sql, programId) : new Map<string, string[]>(),
      digest: await poolDigest(sql, programId),
    };
    // One snapshot: a run committed between these reads must not leave the digest newer than
    // the matches the engine is given (that would let this run double-book people).
  }, { snapshot: true });

  const overrides: SettingsOverrides = {
    ...(request.objective ? { objective: request.objective } : {}),
    ...(request.weights ? { weights: request.weights } : {}),
  };
  const participants = snapshot.pool.map((row) => toParticipant(row, snapshot.history.get(row.participant_id)));
  const result = await callEngine(
    () => engine.match(programSettings(snapshot.program, overrides), participants, { seed: request.seed, existing: snapshot.existing }),
    overrides,
  );
  const proposals: MatchProposal[] = result.matches;
  const stats = { ...result.stats, unmatchedByReason: countByReason(result.unmatched) };

  return ctx.transaction(tenantId, async (sql) => {
    if (!request.dryRun) {
      // The program row lock serialises everything that creates matches in this program.
      assertMatchable(await findProgram(sql, programId, true));
      if ((await poolDigest(sql, programId)) !== snapshot.digest) {
        throw conflict('approved enrollments or active matches changed while the run was computed; run it again');
      }
    }
    const parameters = { seed: request.seed, dryRun: request.dryRun, ...overrides };
    const inserted = await sql.query<RunRow>(
      `INSERT INTO matching_runs (id, tenant_id, program_id, kind, status, objective, dry_run, parameters, total_score,
         stats, unmatched, warnings, preview, requested_by)
       VALUES ($1, $2, $3, $4, 'completed', $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [uuidv7(), tenantId, programId, request.kind, result.objective, request.dryRun, JSON.stringify(parameters),
        result.totalScore, JSON.stringify(stats), JSON.stringify(result.unmatched), JSON.stringify(result.warnings),
        request.dryRun ? JSON.stringify(proposals) : null, caller.keyId],
    );
    const run = inserted.rows[0]!;
    const matches = request.dryRun
      ? []
      : await createMatches(sql, ctx.name, tenantId, programId, { origin: request.kind, runId: run.id }, proposals);
    await writeToOutbox(sql, [
      createEvent(ctx.name, tenantId, 'matching.run.completed', run.id, {
        runId: run.id, programId, objective: result.objective, matchCount: proposals.length,
        unmatchedCount: result.unmatched.length, totalScore: result.totalScore, dryRun: request.dryRun, kind: request.kind,
        stats: {
          meanScore: stats.meanScore, minScore: stats.minScore, durationMs: stats.durationMs, candidates: stats.candidates,
          unmatchedByReason: stats.unmatchedByReason,
        },
      }),
    ]);
    return { run, matches };
  });
}
