import { on, type EventHandler, type Sql } from '@tandem/platform';
import { findProgram, lockProgram } from './read-models';
import { emitSession, findPlanByMatch, updateSession, type SessionRow } from './session-store';
import { startPlan, stopWaiting, waitForProgram } from './waiting-matches';

/**
 * An accepted match gets a meeting plan and its first session (see startPlan), or, when its
 * program's snapshot (another topic) has not arrived yet, waits for it; an ended or declined one
 * has its sessions that have not happened yet cancelled.
 */
export function matchHandlers(source: string): EventHandler[] {
  const stopPlan = async (sql: Sql, tenantId: string, { matchId, programId }: { matchId: string; programId: string }) => {
    // In line with the program's snapshot, which may be starting this match's plan right now.
    await lockProgram(sql, programId);
    await stopWaiting(sql, matchId);
    const plan = await findPlanByMatch(sql, matchId, true);
    if (!plan || plan.status === 'ended') return;
    await sql.query(`UPDATE meeting_plans SET status = 'ended', updated_at = now() WHERE id = $1`, [plan.id]);
    // A needs-time session never had a real time, so it is open whatever its placeholder says.
    const open = await sql.query<Pick<SessionRow, 'id'>>(
      `SELECT id FROM sessions WHERE plan_id = $1
         AND (status = 'needs-time' OR (status = 'scheduled' AND starts_at > now()))
       ORDER BY id FOR UPDATE`,
      [plan.id],
    );
    for (const { id } of open.rows) {
      await emitSession(sql, source, tenantId, 'scheduling.session.cancelled', await updateSession(sql, id, { status: 'cancelled' }));
    }
  };

  return [
    on('matching.match.accepted', async (sql, event) => {
      await lockProgram(sql, event.data.programId);
      const program = await findProgram(sql, event.data.programId);
      if (program) await startPlan(sql, source, event.tenantId, event.data, program);
      else await waitForProgram(sql, event.tenantId, event.data);
    }),
    on('matching.match.ended', (sql, event) => stopPlan(sql, event.tenantId, event.data)),
    on('matching.match.declined', (sql, event) => stopPlan(sql, event.tenantId, event.data)),
  ];
}
