import type { EventData } from '@tandem/contracts';
import { uuidv7, type Sql } from '@tandem/platform';
import { planNextSession } from './planning';
import type { ProgramRow } from './read-models';
import type { PlanRow } from './session-store';

type MatchRef = EventData<'matching.match.accepted'>;

/**
 * An accepted match gets a meeting plan, with the program's cadence and session length, and its
 * first session. A plan is unique per match, so the same acceptance delivered twice, even under
 * another event id, plans once.
 */
export async function startPlan(sql: Sql, source: string, tenantId: string, match: MatchRef, program: ProgramRow): Promise<void> {
  const inserted = await sql.query<PlanRow>(
    `INSERT INTO meeting_plans (id, tenant_id, match_id, program_id, members, cadence, session_minutes, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'active')
     ON CONFLICT (tenant_id, match_id) DO NOTHING RETURNING *`,
    [uuidv7(), tenantId, match.matchId, match.programId, JSON.stringify(match.members.map((m) => m.participantId)),
      JSON.stringify(program.cadence), program.session_minutes],
  );
  const plan = inserted.rows[0];
  if (!plan) return; // Planned already.
  await planNextSession(sql, source, tenantId, plan, program, program.starts_at);
}

/** An acceptance that came before its program's snapshot waits for it (see startWaitingPlans). */
export async function waitForProgram(sql: Sql, tenantId: string, match: MatchRef): Promise<void> {
  await sql.query(
    `INSERT INTO waiting_matches (tenant_id, match_id, program_id, members) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [tenantId, match.matchId, match.programId, JSON.stringify(match.members)],
  );
}

/** A match ended or declined before its program arrived: nothing to plan any more. */
export async function stopWaiting(sql: Sql, matchId: string): Promise<void> {
  await sql.query(`DELETE FROM waiting_matches WHERE match_id = $1`, [matchId]);
}

/** The program's snapshot has arrived: the matches accepted before it get their plans now. */
export async function startWaitingPlans(sql: Sql, source: string, tenantId: string, program: ProgramRow): Promise<number> {
  const waiting = await sql.query<{ match_id: string; members: MatchRef['members'] }>(
    `DELETE FROM waiting_matches WHERE program_id = $1 RETURNING match_id, members`,
    [program.id],
  );
  for (const row of waiting.rows) {
    await startPlan(sql, source, tenantId, { matchId: row.match_id, programId: program.id, members: row.members }, program);
  }
  return waiting.rowCount;
}
