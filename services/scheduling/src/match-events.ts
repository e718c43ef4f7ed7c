import { on, uuidv7, type EventHandler, type Sql } from '@tandem/platform';
import { planNextSession } from './planning';
import { findProgram } from './projections';
import { emitSession, findPlanByMatch, updateSession, type PlanRow, type SessionRow } from './session-store';

/**
 * An accepted match gets a meeting plan and its first session; an ended or declined one has its
 * sessions that have not happened yet cancelled. A plan is unique per match, so the same
 * acceptance delivered twice, even under another event id, plans once.
 */
export function matchHandlers(source: string): EventHandler[] {
  const stopPlan = async (sql: Sql, tenantId: string, matchId: string) => {
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
      const { matchId, programId, members } = event.data;
      // A program's snapshot precedes its matches; when it has not arrived yet, failing lets the consumer retry.
      const program = await findProgram(sql, programId);
      if (!program) throw new Error(`program ${programId} is not known yet`);
      const inserted = await sql.query<PlanRow>(
        `INSERT INTO meeting_plans (id, tenant_id, match_id, program_id, members, cadence, session_minutes, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'active')
         ON CONFLICT (tenant_id, match_id) DO NOTHING RETURNING *`,
        [uuidv7(), event.tenantId, matchId, programId, JSON.stringify(members.map((m) => m.participantId)),
          JSON.stringify(program.cadence), program.session_minutes],
      );
      const plan = inserted.rows[0];
      if (!plan) return; // Planned already.
      await planNextSession(sql, source, event.tenantId, plan, program, program.starts_at);
    }),
    on('matching.match.ended', (sql, event) => stopPlan(sql, event.tenantId, event.data.matchId)),
    on('matching.match.declined', (sql, event) => stopPlan(sql, event.tenantId, event.data.matchId)),
  ];
}
