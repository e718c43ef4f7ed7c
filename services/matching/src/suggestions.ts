import { endpoints } from '@tandem/contracts';
import { implement, notFound, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { callEngine, programSettings } from './engine';
import type { EnginePool } from './engine-pool';
import { activeMatches, findPoolMember, loadPool, previousPartners, toParticipant } from './pool';
import { findProgram } from './programs';


/**
 * The best partners for one participant, with explanations, for an admin matching by hand or the
 * participant themself. People without room for another match and previous partners are left out.
 */
export function suggestionRoutes(app: FastifyInstance, ctx: ServiceContext, engine: EnginePool): void {
  implement(app, endpoints.getSuggestions, async ({ params: { id: programId, participantId }, query: { k }, caller }) => {
    if (caller.role !== 'admin' && caller.participantId !== participantId) throw notFound('participant');
    const snapshot = await ctx.db.withTenant(caller.tenantId, async (sql) => {
      const program = await findProgram(sql, programId);
      if (!(await findPoolMember(sql, programId, participantId))) throw notFound('participant');
      return {
        program,
        pool: await loadPool(sql, programId),
        existing: await activeMatches(sql, programId),
        history: await previousPartners(sql, programId),
      };
    });
    const participants = snapshot.pool.map((row) => toParticipant(row, snapshot.history.get(row.participant_id)));
    const items = await callEngine(() =>
      engine.suggest(programSettings(snapshot.program), participants, participantId, k, { existing: snapshot.existing }));
    return { participantId, items };
  });
}
