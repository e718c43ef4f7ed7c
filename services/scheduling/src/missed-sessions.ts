import { runPeriodically, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { planSessionAfter } from './planning';
import { emitSession, findSession, updateSession } from './session-store';

export interface MissedSessionOptions {
  /** A scheduled session nobody completed this long after its end was missed. */
  missedAfterMs: number;
  /** How often to look; 0 turns the timer off. */
  everyMs: number;
  /** The check's notion of now. */
  clock: () => Date;
}

/**
 * Marks scheduled sessions that nobody completed within `missedAfterMs` of their end as missed,
 * emits scheduling.session.missed and plans the next one on the cadence, so the match keeps its
 * rhythm. 'needs-time' sessions have no real time yet and are left alone.
 */
export async function markMissedSessions(ctx: ServiceContext, now: Date, missedAfterMs: number): Promise<{ missed: number }> {
  const cutoff = new Date(now.getTime() - missedAfterMs);
  const overdue = await ctx.db.asOwner((sql) =>
    sql.query<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM sessions WHERE status = 'scheduled' AND ends_at < $1 ORDER BY ends_at, id`,
      [cutoff],
    ));
  let missed = 0;
  // One short transaction per session: the row lock and status check make a concurrent completion win.
  for (const { id, tenant_id: tenantId } of overdue.rows) {
    const marked = await ctx.transaction(tenantId, async (sql) => {
      const current = await findSession(sql, id, true);
      if (current.status !== 'scheduled' || current.ends_at >= cutoff) return false;
      const row = await updateSession(sql, id, { status: 'missed' });
      await emitSession(sql, ctx.name, tenantId, 'scheduling.session.missed', row);
      await planSessionAfter(sql, ctx.name, tenantId, row);
      return true;
    });
    if (marked) missed += 1;
  }
  return { missed };
}

export function scheduleMissedSessionChecks(app: FastifyInstance, ctx: ServiceContext, options: MissedSessionOptions): void {
  runPeriodically(app, ctx.logger, {
    name: 'missed-session check',
    everyMs: options.everyMs,
    run: () => markMissedSessions(ctx, options.clock(), options.missedAfterMs),
  });
}
