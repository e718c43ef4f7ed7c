import type { Problem } from '@tandem/contracts';
import { resolveProgram, type MatchResult, type ProgramSettings } from '@tandem/matching-engine';
import {
  AppError, conflict, createEvent, recordMatchingRun, uuidv7, writeToOutbox, type ServiceContext, type TenantContext,
} from '@tandem/platform';
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
  /** Answer at once and run in the background; by default only pools above BACKGROUND_POOL_SIZE do. */
  background?: boolean;
}

export interface RunOutcome {
  run: RunRow;
  /** The matches a published run created; a dry run's proposals stay in run.preview. */
  matches: MatchRow[];
}

/**
 * Pools larger than this run in the background by default: the request answers 202 at once and the
 * result is read from the run. A 100k-person run takes over a minute, longer than the proxies in
 * front of a service usually wait.
 */
export const BACKGROUND_POOL_SIZE = 5000;

const countByReason = (unmatched: MatchResult['unmatched']) => {
  const counts: Record<string, number> = {};
  for (const u of unmatched) counts[u.reason] = (counts[u.reason] ?? 0) + 1;
  return counts;
};

type Snapshot = Awaited<ReturnType<typeof readSnapshot>>;

/**
 * One matching run. The engine can take a minute, so it runs between two transactions: a snapshot
 * of program, pool and active matches is read first, and the results are written in one
 * transaction afterwards, only if the pool and its matches are still what the engine saw. Only
 * people without an active match (and mentors' spare capacity) are matched: existing matches stay.
 * A background run is stored as 'running' first and becomes 'completed' or 'failed'.
 */
export async function runMatching(
  ctx: ServiceContext,
  engine: EnginePool,
  caller: TenantContext,
  programId: string,
  request: RunRequest,
): Promise<RunOutcome> {
  const overrides: SettingsOverrides = {
    ...(request.objective ? { objective: request.objective } : {}),
    ...(request.weights ? { weights: request.weights } : {}),
  };
  const snapshot = await readSnapshot(ctx, caller.tenantId, programId, request);
  // Settings are checked before answering, so a bad weight is a 400 even for a background run.
  const settings = programSettings(snapshot.program, overrides);
  const { objective } = await callEngine(() => resolveProgram(settings), overrides);
  const parameters = { seed: request.seed, dryRun: request.dryRun, ...overrides };

  if (!(request.background ?? snapshot.pool.length > BACKGROUND_POOL_SIZE)) {
    const result = await computeRun(engine, snapshot, settings, request, overrides);
    return writeRun(ctx, caller, programId, request, snapshot, result, { id: uuidv7(), parameters });
  }
  const inserted = await ctx.db.withTenant(caller.tenantId, (sql) =>
    sql.query<RunRow>(
      `INSERT INTO matching_runs (id, tenant_id, program_id, kind, status, objective, dry_run, parameters, requested_by)
       VALUES ($1, $2, $3, $4, 'running', $5, $6, $7, $8) RETURNING *`,
      [uuidv7(), caller.tenantId, programId, request.kind, objective, request.dryRun, JSON.stringify(parameters), caller.keyId],
    ));
  const run = inserted.rows[0]!;
  void finishInBackground(ctx, engine, caller, programId, request, snapshot, settings, overrides, run);
  return { run, matches: [] };
}

async function readSnapshot(ctx: ServiceContext, tenantId: string, programId: string, request: RunRequest) {
  // One snapshot: a run committed between these reads must not leave the digest newer than
  // the matches the engine is given (that would let this run double-book people).
  return ctx.db.withTenant(tenantId, async (sql) => {
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
  }, { snapshot: true });
}

async function computeRun(
  engine: EnginePool,
  snapshot: Snapshot,
  settings: ProgramSettings,
  request: RunRequest,
  overrides: SettingsOverrides,
): Promise<MatchResult> {
  const participants = snapshot.pool.map((row) => toParticipant(row, snapshot.history.get(row.participant_id)));
  const result = await callEngine(
    () => engine.match(settings, participants, { seed: request.seed, existing: snapshot.existing }),
    overrides,
  );
  recordMatchingRun(result.stats.durationMs / 1000, { format: snapshot.program.format, objective: result.objective, dry_run: request.dryRun });
  return result;
}

/** Stores a computed run (a new row, or the background run's own row) with its matches and events. */
function writeRun(
  ctx: ServiceContext,
  caller: TenantContext,
  programId: string,
  request: RunRequest,
  snapshot: Snapshot,
  result: MatchResult,
  row: { id: string; parameters: Record<string, unknown> },
): Promise<RunOutcome> {
  const { tenantId } = caller;
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
    const stored = await sql.query<RunRow>(
      `INSERT INTO matching_runs (id, tenant_id, program_id, kind, status, objective, dry_run, parameters, total_score,
         stats, unmatched, warnings, preview, requested_by, completed_at)
       VALUES ($1, $2, $3, $4, 'completed', $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
       ON CONFLICT (id) DO UPDATE SET status = 'completed', total_score = $8, stats = $9, unmatched = $10,
         warnings = $11, preview = $12, completed_at = now()
       RETURNING *`,
      [row.id, tenantId, programId, request.kind, result.objective, request.dryRun, JSON.stringify(row.parameters),
        result.totalScore, JSON.stringify(stats), JSON.stringify(result.unmatched), JSON.stringify(result.warnings),
        request.dryRun ? JSON.stringify(proposals) : null, caller.keyId],
    );
    const run = stored.rows[0]!;
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

/** Computes and stores a background run; whatever goes wrong is kept on the run as its error. */
async function finishInBackground(
  ctx: ServiceContext,
  engine: EnginePool,
  caller: TenantContext,
  programId: string,
  request: RunRequest,
  snapshot: Snapshot,
  settings: ProgramSettings,
  overrides: SettingsOverrides,
  run: RunRow,
): Promise<void> {
  try {
    const result = await computeRun(engine, snapshot, settings, request, overrides);
    await writeRun(ctx, caller, programId, request, snapshot, result, { id: run.id, parameters: run.parameters });
  } catch (error) {
    await recordFailure(ctx, caller.tenantId, run.id, error);
  }
}

async function recordFailure({ db, logger }: ServiceContext, tenantId: string, runId: string, error: unknown): Promise<void> {
  if (!(error instanceof AppError)) logger.error({ err: error, runId }, 'background matching run failed');
  // Kept as the problem the request would have answered with, had it waited.
  const stored: Problem = (error instanceof AppError ? error : new AppError(500, 'internal', 'the run failed unexpectedly; run it again')).toProblem();
  await db.withTenant(tenantId, (sql) =>
    sql.query(`UPDATE matching_runs SET status = 'failed', error = $2, completed_at = now() WHERE id = $1 AND status = 'running'`, [
      runId, JSON.stringify(stored),
    ])).catch((failure: unknown) => logger.error({ err: failure, runId }, 'could not record a failed matching run'));
}
