import type { AvailabilityWindow, Cadence } from '@tandem/contracts';
import { lockFor, type Sql } from '@tandem/platform';

// The read models of other services' entities that planning needs, kept by projections.ts.

export interface ProgramRow {
  id: string;
  status: 'draft' | 'enrolling' | 'running' | 'closed';
  starts_at: Date;
  ends_at: Date;
  cadence: Cadence;
  session_minutes: number;
}

export interface AvailabilityRow {
  participant_id: string;
  time_zone: string;
  windows: AvailabilityWindow[];
}

export async function findProgram(sql: Sql, id: string): Promise<ProgramRow | undefined> {
  const r = await sql.query<ProgramRow>(`SELECT * FROM programs WHERE id = $1`, [id]);
  return r.rows[0];
}

export async function availabilityOf(sql: Sql, programId: string, participantIds: readonly string[]): Promise<AvailabilityRow[]> {
  const r = await sql.query<AvailabilityRow>(
    `SELECT participant_id, time_zone, windows FROM availability WHERE program_id = $1 AND participant_id = ANY($2::uuid[])`,
    [programId, participantIds],
  );
  return r.rows;
}

/**
 * Handlers that plan from a program's facts (its snapshot, its people's availability, its
 * acceptances) take this first, so facts arriving at once on different topics see each other.
 */
export const lockProgram = (sql: Sql, programId: string) => lockFor(sql, `scheduling.program:${programId}`);
