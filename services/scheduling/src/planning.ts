import { uuidv7, type Sql } from '@tandem/platform';
import { alignToSlotStep, DEFAULT_HORIZON_DAYS, firstCommonSlot, nextOccurrence, type Person } from '@tandem/scheduling-core';
import { availabilityOf, findProgram, type ProgramRow } from './read-models';
import { emitSession, insertSession, updateSession, type PlanRow, type SessionRow, type SessionStatus } from './session-store';

/** Sessions not yet held or called off. */
export const OPEN_STATUSES: readonly SessionStatus[] = ['scheduled', 'needs-time'];

const DAY_MS = 86_400_000;

interface Placement {
  /** The earliest allowed start: `earliest`, the program's start or now, whichever is latest. */
  origin: Date;
  /** The first time inside every member's availability, or null when there is none (or a member's is unknown). */
  slot: { startsAt: Date; endsAt: Date } | null;
}

/**
 * Where the plan's next session can go, at or after `earliest` (and never before the program
 * starts or before now), inside every member's weekly availability; the whole session has to fit
 * before the program ends. Undefined when the program is closed or leaves no room.
 */
async function placeSession(sql: Sql, plan: PlanRow, program: ProgramRow, earliest: Date): Promise<Placement | undefined> {
  if (program.status === 'closed') return undefined;
  const origin = alignToSlotStep(new Date(Math.max(earliest.getTime(), program.starts_at.getTime(), Date.now())));
  const roomMs = program.ends_at.getTime() - origin.getTime();
  if (roomMs < plan.session_minutes * 60_000) return undefined;
  const known = await availabilityOf(sql, plan.program_id, plan.members);
  const people: Person[] = known.map((r) => ({ timeZone: r.time_zone, availability: r.windows }));
  const slot = known.length === plan.members.length
    ? firstCommonSlot(people, {
      after: origin,
      minutes: plan.session_minutes,
      horizonDays: Math.min(DEFAULT_HORIZON_DAYS, roomMs / DAY_MS),
    })
    : null;
  return { origin, slot };
}

/**
 * Plans the plan's next session at the earliest time that fits (see placeSession).
 *
 * When no common slot exists within the horizon (or a member's availability is unknown yet), the
 * session is still planned, with status 'needs-time', at the earliest allowed time: the
 * program's start, or now once it has started. It shows the match needs attention and becomes
 * a real session when someone reschedules it, or by itself when a member's availability arrives
 * or changes (replanSessionsWaitingForTime). Returns undefined when the program is closed or
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
  const placement = await placeSession(sql, plan, program, earliest);
  if (!placement) return undefined;
  const { origin, slot } = placement;
  const session = slot
    ? { id: uuidv7(), ...slot, status: 'scheduled' as const }
    : { id: uuidv7(), startsAt: origin, endsAt: new Date(origin.getTime() + plan.session_minutes * 60_000), status: 'needs-time' as const };
  const row = await insertSession(sql, tenantId, plan, session);
  await emitSession(sql, source, tenantId, 'scheduling.session.scheduled', row);
  return row;
}

/**
 * A member's availability arrived or changed: every open 'needs-time' session of their active
 * plans in the program gets a real time if one fits now (from its placeholder time on, which
 * keeps the cadence), announced as rescheduled. Sessions that still fit nowhere stay as they are.
 */
export async function replanSessionsWaitingForTime(
  sql: Sql,
  source: string,
  tenantId: string,
  programId: string,
  participantId: string,
): Promise<number> {
  const program = await findProgram(sql, programId);
  if (!program) return 0;
  const plans = await sql.query<PlanRow>(
    `SELECT * FROM meeting_plans WHERE program_id = $1 AND status = 'active' AND members ? $2 ORDER BY id FOR UPDATE`,
    [programId, participantId],
  );
  let replanned = 0;
  for (const plan of plans.rows) {
    const waiting = await sql.query<Pick<SessionRow, 'id' | 'starts_at'>>(
      `SELECT id, starts_at FROM sessions WHERE plan_id = $1 AND status = 'needs-time' ORDER BY id FOR UPDATE`,
      [plan.id],
    );
    for (const session of waiting.rows) {
      const slot = (await placeSession(sql, plan, program, session.starts_at))?.slot;
      if (!slot) continue;
      const row = await updateSession(sql, session.id, { status: 'scheduled', ...slot });
      await emitSession(sql, source, tenantId, 'scheduling.session.rescheduled', row);
      replanned += 1;
    }
  }
  return replanned;
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
