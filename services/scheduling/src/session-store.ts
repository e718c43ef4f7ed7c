import type { Cadence, EventType } from '@tandem/contracts';
import { createEvent, notFound, writeToOutbox, type Sql, type TenantContext } from '@tandem/platform';

export type SessionStatus = 'scheduled' | 'needs-time' | 'completed' | 'cancelled' | 'missed';

export interface PlanRow {
  id: string;
  match_id: string;
  program_id: string;
  members: string[];
  cadence: Cadence;
  session_minutes: number;
  status: 'active' | 'ended';
}

export interface SessionRow {
  id: string;
  plan_id: string;
  match_id: string;
  program_id: string;
  starts_at: Date;
  ends_at: Date;
  status: SessionStatus;
  // joined from meeting_plans
  members: string[];
}

const selectSession = `SELECT s.*, p.members FROM sessions s JOIN meeting_plans p ON p.id = s.plan_id`;

export const sessionView = (r: SessionRow) => ({
  id: r.id,
  matchId: r.match_id,
  programId: r.program_id,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  status: r.status,
  members: r.members,
});

export async function findSession(sql: Sql, id: string, lock = false): Promise<SessionRow> {
  const r = await sql.query<SessionRow>(`${selectSession} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`, [id]);
  if (!r.rows[0]) throw notFound('session');
  return r.rows[0];
}

export async function findPlanByMatch(sql: Sql, matchId: string, lock = false): Promise<PlanRow | undefined> {
  const r = await sql.query<PlanRow>(`SELECT * FROM meeting_plans WHERE match_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [matchId]);
  return r.rows[0];
}

export async function listSessionsOfMatch(sql: Sql, matchId: string, after: string | null, limit: number): Promise<SessionRow[]> {
  const r = await sql.query<SessionRow>(
    `${selectSession} WHERE s.match_id = $1 AND ($2::uuid IS NULL OR s.id > $2) ORDER BY s.id LIMIT $3`,
    [matchId, after, limit],
  );
  return r.rows;
}

export async function insertSession(
  sql: Sql,
  tenantId: string,
  plan: PlanRow,
  session: { id: string; startsAt: Date; endsAt: Date; status: 'scheduled' | 'needs-time' },
): Promise<SessionRow> {
  await sql.query(
    `INSERT INTO sessions (id, tenant_id, plan_id, match_id, program_id, starts_at, ends_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [session.id, tenantId, plan.id, plan.match_id, plan.program_id, session.startsAt, session.endsAt, session.status],
  );
  return findSession(sql, session.id);
}

/** Sets a session's status (and optionally its time) and returns it as it is now. */
export async function updateSession(
  sql: Sql,
  id: string,
  change: { status: SessionStatus; startsAt?: Date; endsAt?: Date },
): Promise<SessionRow> {
  await sql.query(
    `UPDATE sessions SET status = $2, starts_at = COALESCE($3, starts_at), ends_at = COALESCE($4, ends_at), updated_at = now()
     WHERE id = $1`,
    [id, change.status, change.startsAt ?? null, change.endsAt ?? null],
  );
  return findSession(sql, id);
}

export function emitSession(
  sql: Sql,
  source: string,
  tenantId: string,
  type: EventType & `scheduling.session.${string}`,
  row: SessionRow,
): Promise<void> {
  return writeToOutbox(sql, [
    createEvent(source, tenantId, type, row.id, {
      sessionId: row.id,
      matchId: row.match_id,
      programId: row.program_id,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      members: row.members,
      status: row.status,
    }),
  ]);
}

/** Admins see every session; a participant only those of their own matches, and to them others do not exist. */
export function assertMember(caller: TenantContext, members: readonly string[], what: string): void {
  if (caller.role === 'admin') return;
  if (!caller.participantId || !members.includes(caller.participantId)) throw notFound(what);
}
