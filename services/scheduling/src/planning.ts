import { uuidv7, type Sql } from '@tandem/platform';
import { alignToSlotStep, DEFAULT_HORIZON_DAYS, firstCommonSlot, nextOccurrence, type Person } from '@tandem/scheduling-core';
import { availabilityOf, findProgram, type ProgramRow } from './projections';
import { emitSession, insertSession, type PlanRow, type SessionRow, type SessionStatus } from './session-store';

/** Sessions not yet held or called off. */
export const OPEN_STATUSES: readonly SessionStatus[] = ['scheduled', 'needs-time'];

const DAY_MS = 86_400_000;

/**
 * Plans the plan's next session at the earliest time, at or after `earliest` (and never before
 * the program starts or before now), inside every member's weekly availability; the whole
 * session has to fit before the program ends.
 *
 * When no common slot exists within the horizon (or a member's availability is unknown), the
 * session is still planned, with status 'needs-time', at the earliest allowed time: the
 * program's start, or now once it has started. It shows the match needs attention and becomes
 * a real session when someone reschedules it. Returns undefined when the program is closed or
 * leaves no room for another session.
 */
export async function planNextSession(
  sql: Sql,
  source: string,
  tenantId: string,
  plan: PlanRow,
  program: ProgramRow,
  earliest: Date,
): Promise<SessionRow | undefined> {
  if (program.status === 'closed') return undefined;
  const origin = alignToSlotStep(new Date(Math.max(earliest.getTime(), program.starts_at.getTime(), Date.now())));
  const length = plan.session_minutes * 60_000;
  const roomMs = program.ends_at.getTime() - origin.getTime();
  if (roomMs < length) return undefined;

  const known = await availabilityOf(sql, plan.program_id, plan.members);
  const people: Person[] = known.map((r) => ({ timeZone: r.time_zone, availability: r.windows }));
  const slot = known.length === plan.members.length
    ? firstCommonSlot(people, {
      after: origin,
      minutes: plan.session_minutes,
      horizonDays: Math.min(DEFAULT_HORIZON_DAYS, roomMs / DAY_MS),
    })
    : null;
  const session = slot
    ? { id: uuidv7(), ...slot, status: 'scheduled' as const }
    : { id: uuidv7(), startsAt: origin, endsAt: new Date(origin.getTime() + length), status: 'needs-time' as const };
  const row = await insertSession(sql, tenantId, plan, session);
  await emitSession(sql, source, tenantId, 'scheduling.session.scheduled', row);
  return row;
}

/**
 * After a session is done with (completed or missed), the plan's next one on the cadence, counted
 * from when this one was due; nothing when the plan has ended or a session is already open (e.g.
 * an older session was completed late).
 */
export async function planSessionAfter(sql: Sql, source: string, tenantId: string, done: SessionRow): Promise<void> {
  const plan = (await sql.query<PlanRow>(`SELECT * FROM meeting_plans WHERE id = $1 FOR UPDATE`, [done.plan_id])).rows[0];
  if (!plan || plan.status !== 'active') return;
  const pending = await sql.query(`SELECT 1 FROM sessions WHERE plan_id = $1 AND status = ANY($2::text[]) LIMIT 1`, [
    plan.id, OPEN_STATUSES,
  ]);
  if (pending.rowCount > 0) return;
  const program = await findProgram(sql, plan.program_id);
  if (!program) return;
  await planNextSession(sql, source, tenantId, plan, program, nextOccurrence(done.starts_at, plan.cadence));
}
