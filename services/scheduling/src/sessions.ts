import { sessionReschedule } from '@tandem/contracts';
import {
  badRequest, conflict, notFound, parseInput, parsePageQuery, toPage, type ServiceContext, type Sql,
} from '@tandem/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OPEN_STATUSES, planSessionAfter } from './planning';
import { findProgram } from './projections';
import {
  assertMember, emitSession, findPlanByMatch, findSession, listSessionsOfMatch, sessionView, updateSession,
  type SessionRow, type SessionStatus,
} from './session-store';

const idParams = z.object({ id: z.uuid() });
const parseId = (params: unknown) => parseInput(idParams, params, 'params').id;

/** Only sessions that have not been held or called off can change; anything else is a 409. */
function assertCanChange(row: SessionRow, action: string, from: readonly SessionStatus[] = OPEN_STATUSES): void {
  if (!from.includes(row.status)) throw conflict(`cannot ${action} a session that is ${row.status}`);
}

export function sessionRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  /** Reads and locks a session the caller may act on (others' answer 404). */
  const sessionFor = async (sql: Sql, request: FastifyRequest) => {
    const row = await findSession(sql, parseId(request.params), true);
    assertMember(request.tenant, row.members, 'session');
    return row;
  };

  app.get('/v1/matches/:id/sessions', async (request) => {
    const matchId = parseId(request.params);
    const q = parsePageQuery(request.query);
    const rows = await ctx.db.withTenant(request.tenant.tenantId, async (sql) => {
      // Scheduling knows a match from its acceptance on; before that (or in another tenant) it does not exist here.
      const plan = await findPlanByMatch(sql, matchId);
      if (!plan) throw notFound('match');
      assertMember(request.tenant, plan.members, 'match');
      return listSessionsOfMatch(sql, matchId, q.cursor ?? null, q.limit + 1);
    });
    return toPage(rows, q.limit, sessionView);
  });

  app.get('/v1/sessions/:id', async (request) => {
    const id = parseId(request.params);
    const row = await ctx.db.withTenant(request.tenant.tenantId, (sql) => findSession(sql, id));
    assertMember(request.tenant, row.members, 'session');
    return sessionView(row);
  });

  // Completing a session plans the next one on the cadence, counted from when this one was due.
  app.post('/v1/sessions/:id/complete', async (request) => {
    const row = await ctx.transaction(request.tenant.tenantId, async (sql) => {
      const current = await sessionFor(sql, request);
      assertCanChange(current, 'complete', ['scheduled']);
      const done = await updateSession(sql, current.id, { status: 'completed' });
      await emitSession(sql, ctx.name, request.tenant.tenantId, 'scheduling.session.completed', done);
      await planSessionAfter(sql, ctx.name, request.tenant.tenantId, done);
      return done;
    });
    return sessionView(row);
  });

  app.post('/v1/sessions/:id/cancel', async (request) => {
    const row = await ctx.transaction(request.tenant.tenantId, async (sql) => {
      const current = await sessionFor(sql, request);
      assertCanChange(current, 'cancel');
      const cancelled = await updateSession(sql, current.id, { status: 'cancelled' });
      await emitSession(sql, ctx.name, request.tenant.tenantId, 'scheduling.session.cancelled', cancelled);
      return cancelled;
    });
    return sessionView(row);
  });

  // The new time is what the members agreed on, so it need not be inside their stated availability.
  app.post('/v1/sessions/:id/reschedule', async (request) => {
    const body = parseInput(sessionReschedule, request.body);
    const startsAt = new Date(body.startsAt);
    const row = await ctx.transaction(request.tenant.tenantId, async (sql) => {
      const current = await sessionFor(sql, request);
      assertCanChange(current, 'reschedule');
      const endsAt = new Date(startsAt.getTime() + (current.ends_at.getTime() - current.starts_at.getTime()));
      if (startsAt.getTime() <= Date.now()) {
        throw badRequest('invalid body', [{ path: 'startsAt', message: 'must be in the future' }]);
      }
      const program = await findProgram(sql, current.program_id);
      if (program && (startsAt < program.starts_at || endsAt > program.ends_at)) {
        throw badRequest('invalid body', [{
          path: 'startsAt',
          message: `the session must fit in the program (${program.starts_at.toISOString()} to ${program.ends_at.toISOString()})`,
        }]);
      }
      const moved = await updateSession(sql, current.id, { status: 'scheduled', startsAt, endsAt });
      await emitSession(sql, ctx.name, request.tenant.tenantId, 'scheduling.session.rescheduled', moved);
      return moved;
    });
    return sessionView(row);
  });

}
