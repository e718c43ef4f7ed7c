import { matchingRunCreate, rematchCreate } from '@tandem/contracts';
import { parseInput, parsePageQuery, requireAdmin, toPage, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EnginePool } from './engine-pool';
import { parseId } from './ids';
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
  app.post('/v1/programs/:id/matching-runs', async (request, reply) => {
    const caller = requireAdmin(request);
    const programId = parseId(request.params);
    const body = parseInput(matchingRunCreate, request.body ?? {});
    const { run, matches } = await runMatching(ctx, engine, caller, programId, { kind: 'run', ...body });
    return answerRun(reply, run, run.preview ?? matches.map((m) => matchView(m, caller)));
  });

  app.post('/v1/programs/:id/rematch', async (request, reply) => {
    const caller = requireAdmin(request);
    const programId = parseId(request.params);
    const body = parseInput(rematchCreate, request.body ?? {});
    const { run, matches } = await runMatching(ctx, engine, caller, programId, { kind: 'rematch', dryRun: false, ...body });
    return answerRun(reply, run, matches.map((m) => matchView(m, caller)));
  });

  app.get('/v1/matching-runs/:id', async (request) => {
    const caller = requireAdmin(request);
    const id = parseId(request.params);
    const { run, matches } = await ctx.db.withTenant(caller.tenantId, async (sql) => {
      const found = await findRun(sql, id);
      const created = await sql.query<MatchRow>(`SELECT * FROM matches WHERE run_id = $1 ORDER BY id`, [id]);
      return { run: found, matches: created.rows };
    });
    return runView(run, run.preview ?? matches.map((m) => matchView(m, caller)));
  });

  app.get('/v1/programs/:id/matching-runs', async (request) => {
    const caller = requireAdmin(request);
    const programId = parseId(request.params);
    const q = parsePageQuery(request.query);
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
