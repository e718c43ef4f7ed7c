import type { EventData } from '@tandem/contracts';
import { on, recordErasure, wasErased, type EventHandler, type Sql } from '@tandem/platform';

type ProgramSnapshot = EventData<'enrollment.program.updated'>;
type EnrollmentRef = EventData<'enrollment.enrollment.withdrawn'>;

const programEvents = [
  'enrollment.program.created', 'enrollment.program.updated', 'enrollment.program.opened',
  'enrollment.program.started', 'enrollment.program.closed',
] as const;

/**
 * Keeps what runs need from other services. Program events carry the whole snapshot: an upsert
 * that ignores snapshots older than the one applied makes redelivery and replay harmless.
 */
async function upsertProgram(sql: Sql, tenantId: string, time: string, p: ProgramSnapshot): Promise<void> {
  await sql.query(
    `INSERT INTO programs (id, tenant_id, format, status, starts_at, cadence, session_minutes, circle_size, matching, as_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET format = $3, status = $4, starts_at = $5, cadence = $6, session_minutes = $7,
       circle_size = $8, matching = $9, as_of = $10
     WHERE programs.as_of <= $10`,
    [p.programId, tenantId, p.format, p.status, p.startsAt, JSON.stringify(p.cadence), p.sessionMinutes,
      p.circleSize ?? null, JSON.stringify(p.matching), time],
  );
}

/**
 * Withdrawn and rejected are final, so they stay as tombstones (without the profile) that a replayed
 * approval cannot overwrite. Active matches are left alone: the person only drops out of future runs.
 */
async function leavePool(sql: Sql, tenantId: string, e: EnrollmentRef, status: 'withdrawn' | 'rejected'): Promise<void> {
  await sql.query(
    `INSERT INTO pool (program_id, participant_id, tenant_id, enrollment_id, role, status, profile)
     VALUES ($1, $2, $3, $4, $5, $6, NULL)
     ON CONFLICT (program_id, participant_id) DO UPDATE SET status = $6, profile = NULL, updated_at = now()`,
    [e.programId, e.participantId, tenantId, e.enrollmentId, e.role, status],
  );
}

export function projectionHandlers(): EventHandler[] {
  return [
    ...programEvents.map((type) => on(type, (sql, event) => upsertProgram(sql, event.tenantId, event.time, event.data))),
    on('enrollment.enrollment.approved', async (sql, event) => {
      const e = event.data;
      if (await wasErased(sql, e.participantId)) return; // An approval delivered after the erasure.
      await sql.query(
        `INSERT INTO pool (program_id, participant_id, tenant_id, enrollment_id, role, status, profile)
         VALUES ($1, $2, $3, $4, $5, 'approved', $6)
         ON CONFLICT (program_id, participant_id) DO UPDATE SET enrollment_id = $4, role = $5, profile = $6, updated_at = now()
         WHERE pool.status = 'approved'`,
        [e.programId, e.participantId, event.tenantId, e.enrollmentId, e.role, JSON.stringify(e.profile)],
      );
    }),
    on('enrollment.enrollment.withdrawn', (sql, event) => leavePool(sql, event.tenantId, event.data, 'withdrawn')),
    on('enrollment.enrollment.rejected', (sql, event) => leavePool(sql, event.tenantId, event.data, 'rejected')),
    // Erasure: the profile and partner history are personal; the pool keeps a tombstone and matches
    // the bare id, and any reason the person wrote is dropped.
    on('enrollment.participant.erased', async (sql, event) => {
      const { participantId } = event.data;
      await recordErasure(sql, event.tenantId, participantId);
      await sql.query(`UPDATE pool SET status = 'erased', profile = NULL, updated_at = now() WHERE participant_id = $1`, [participantId]);
      await sql.query(`DELETE FROM pair_history WHERE participant_id = $1 OR partner_id = $1`, [participantId]);
      await sql.query(`UPDATE matches SET close_reason = NULL WHERE closed_by = $1`, [participantId]);
    }),
    on('analytics.match.at_risk', async (sql, event) => {
      await sql.query(`UPDATE matches SET at_risk = $2 WHERE id = $1`, [
        event.data.matchId, JSON.stringify({ reasons: event.data.reasons, at: event.time }),
      ]);
    }),
  ];
}
