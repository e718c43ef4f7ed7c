import type { EventData } from '@tandem/contracts';
import { on, recordErasure, wasErased, type EventHandler, type Sql } from '@tandem/platform';
import { replanSessionsWaitingForTime } from './planning';
import { findProgram, lockProgram } from './read-models';
import { startWaitingPlans } from './waiting-matches';

export { availabilityOf, findProgram, type AvailabilityRow, type ProgramRow } from './read-models';

type ProgramSnapshot = EventData<'enrollment.program.updated'>;

/**
 * Keeps the programs and approved participants' availability that planning needs. Every event
 * carries the whole snapshot, so an upsert by id makes a redelivery harmless. Plans follow their
 * program's cadence and session length, so a changed program applies to sessions planned next.
 *
 * Events of other topics (and other keys) come in any order, so each fact completes the work that
 * waited for it: a program's snapshot starts the plans of matches accepted before it arrived, and
 * a participant's availability gives their sessions still waiting for a time a real one.
 */
export function projectionHandlers(source: string): EventHandler[] {
  const upsertProgram = async (sql: Sql, tenantId: string, p: ProgramSnapshot) => {
    await sql.query(
      `INSERT INTO programs (id, tenant_id, status, starts_at, ends_at, cadence, session_minutes)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET status = $3, starts_at = $4, ends_at = $5, cadence = $6, session_minutes = $7,
         updated_at = now()`,
      [p.programId, tenantId, p.status, p.startsAt, p.endsAt, JSON.stringify(p.cadence), p.sessionMinutes],
    );
    await sql.query(
      `UPDATE meeting_plans SET cadence = $2, session_minutes = $3, updated_at = now()
       WHERE program_id = $1 AND (cadence <> $2::jsonb OR session_minutes <> $3)`,
      [p.programId, JSON.stringify(p.cadence), p.sessionMinutes],
    );
  };
  const programEvents = [
    'enrollment.program.created', 'enrollment.program.updated', 'enrollment.program.opened',
    'enrollment.program.started', 'enrollment.program.closed',
  ] as const;
  return [
    ...programEvents.map((type) => on(type, async (sql, event) => {
      await lockProgram(sql, event.data.programId);
      await upsertProgram(sql, event.tenantId, event.data);
      await startWaitingPlans(sql, source, event.tenantId, (await findProgram(sql, event.data.programId))!);
    })),
    on('enrollment.enrollment.approved', async (sql, event) => {
      const { programId, participantId, profile } = event.data;
      await lockProgram(sql, programId);
      if (await wasErased(sql, participantId)) return; // An approval delivered after the erasure.
      await sql.query(
        `INSERT INTO availability (tenant_id, program_id, participant_id, time_zone, windows)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (program_id, participant_id) DO UPDATE SET time_zone = $4, windows = $5, updated_at = now()`,
        [event.tenantId, programId, participantId, profile.timeZone, JSON.stringify(profile.availability)],
      );
      await replanSessionsWaitingForTime(sql, source, event.tenantId, programId, participantId);
    }),
    on('enrollment.enrollment.withdrawn', async (sql, event) => {
      await sql.query(`DELETE FROM availability WHERE program_id = $1 AND participant_id = $2`, [
        event.data.programId, event.data.participantId,
      ]);
    }),
    // Erasure: the time zone and weekly windows are the personal data kept here.
    on('enrollment.participant.erased', async (sql, event) => {
      await recordErasure(sql, event.tenantId, event.data.participantId);
      await sql.query(`DELETE FROM availability WHERE participant_id = $1`, [event.data.participantId]);
    }),
  ];
}
