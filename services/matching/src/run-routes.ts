import { endpoints } from '@tandem/contracts';
import { implement, toPage, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EnginePool } from './engine-pool';
import { matchView, type MatchRow } from './matches';
import { findProgram } from './programs';
import { runMatching } from './run-matching';
import { findRun, runSummary, runView, type RunRow } from './run-store';

/** 201 with the result, or 202 for a run going on in the background (its result at the Location). */
function answerRun(reply: FastifyReply, run: RunRow, matches: readonly unknown[]) {
  if (run.status === 'running') return reply.status(202).header('location', `/v1/matching-runs/${run.id}`).send(runView(run, []));
  return reply.status(201).send(runView(run, matches));
}

export function runRoutes(app: FastifyInstance, ctx: ServiceContext, engine: EnginePool): void {
  implement(app, endpoints.runMatching, async ({ params: { id: programId }, body, caller, reply }) => {
    const { run, matches } = await runMatching(ctx, engine, caller, programId, { kind: 'run', ...body });
    return answerRun(reply, run, run.preview ?? matches.map((m) => matchView(m, caller)));
  });

  implement(app, endpoints.rematch, async ({ params: { id: programId }, body, caller, reply }) => {
    const { run, matches } = await runMatching(ctx, engine, caller, programId, { kind: 'rematch', dryRun: false, ...body });
    return answerRun(reply, run, matches.map((m) => matchView(m, caller)));
  });

  implement(app, endpoints.getMatchingRun, async ({ params: { id }, caller }) => {
    const { run, matches } = await ctx.db.withTenant(caller.tenantId, async (sql) => {
      const found = await findRun(sql, id);
      const created = await sql.query<MatchRow>(`SELECT * FROM matches WHERE run_id = $1 ORDER BY id`, [id]);
      return { run: found, matches: created.rows };
    });
    return runView(run, run.preview ?? matches.map((m) => matchView(m, caller)));
  });

  implement(app, endpoints.listMatchingRuns, async ({ params: { id: programId }, query: q, caller }) => {
    const rows = await ctx.db.withTenant(caller.tenantId, async (sql) => {
      await findProgram(sql, programId);
      return sql.query<RunRow>(
        `SELECT * FROM matching_runs WHERE program_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`,
        [programId, q.cursor ?? null, q.limit + 1],
      );
    });
    return toPage(rows.rows, q.limit, runSummary);
  });
}
