import { endpoints } from '@tandem/contracts';
import {
  badRequest, conflict, implement, notFound, toPage, type ServiceContext, type Sql, type TenantContext,
} from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { OPEN_STATUSES, planSessionAfter } from './planning';
import { findProgram } from './projections';
import {
  assertMember, emitSession, findPlanByMatch, findSession, listSessionsOfMatch, sessionView, updateSession,
  type SessionRow, type SessionStatus,
} from './session-store';

/** Only sessions that have not been held or called off can change; anything else is a 409. */
function assertCanChange(row: SessionRow, action: string, from: readonly SessionStatus[] = OPEN_STATUSES): void {
  if (!from.includes(row.status)) throw conflict(`cannot ${action} a session that is ${row.status}`);
}

export function sessionRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  /** Reads and locks a session the caller may act on (others' answer 404). */
  const sessionFor = async (sql: Sql, caller: TenantContext, id: string) => {
    const row = await findSession(sql, id, true);
    assertMember(caller, row.members, 'session');
    return row;
  };

  implement(app, endpoints.listMatchSessions, async ({ params: { id: matchId }, query: q, caller }) => {
    const rows = await ctx.db.withTenant(caller.tenantId, async (sql) => {
      // Scheduling knows a match from its acceptance on; before that (or in another tenant) it does not exist here.
      const plan = await findPlanByMatch(sql, matchId);
      if (!plan) throw notFound('match');
      assertMember(caller, plan.members, 'match');
      return listSessionsOfMatch(sql, matchId, q.cursor ?? null, q.limit + 1);
    });
    return toPage(rows, q.limit, sessionView);
  });

  implement(app, endpoints.getSession, async ({ params: { id }, caller }) => {
    const row = await ctx.db.withTenant(caller.tenantId, (sql) => findSession(sql, id));
    assertMember(caller, row.members, 'session');
    return sessionView(row);
  });

  // Completing a session plans the next one on the cadence, counted from when this one was due.
  implement(app, endpoints.completeSession, async ({ params: { id }, caller }) => {
    const row = await ctx.transaction(caller.tenantId, async (sql) => {
      const current = await sessionFor(sql, caller, id);
      assertCanChange(current, 'complete', ['scheduled']);
      const done = await updateSession(sql, current.id, { status: 'completed' });
      await emitSession(sql, ctx.name, caller.tenantId, 'scheduling.session.completed', done);
      await planSessionAfter(sql, ctx.name, caller.tenantId, done);
      return done;
    });
    return sessionView(row);
  });

  implement(app, endpoints.cancelSession, async ({ params: { id }, caller }) => {
    const row = await ctx.transaction(caller.tenantId, async (sql) => {
      const current = await sessionFor(sql, caller, id);
      assertCanChange(current, 'cancel');
      const cancelled = await updateSession(sql, current.id, { status: 'cancelled' });
      await emitSession(sql, ctx.name, caller.tenantId, 'scheduling.session.cancelled', cancelled);
      return cancelled;
    });
    return sessionView(row);
  });

  // The new time is what the members agreed on, so it need not be inside their stated availability.
  implement(app, endpoints.rescheduleSession, async ({ params: { id }, body, caller }) => {
    const startsAt = new Date(body.startsAt);
    const row = await ctx.transaction(caller.tenantId, async (sql) => {
      const current = await sessionFor(sql, caller, id);
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
      await emitSession(sql, ctx.name, caller.tenantId, 'scheduling.session.rescheduled', moved);
      return moved;
    });
    return sessionView(row);
  });

}
