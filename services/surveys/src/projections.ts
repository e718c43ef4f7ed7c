import type { EventData } from '@tandem/contracts';
import { lockFor, notFound, type Sql } from '@tandem/platform';

export interface ProgramRow {
  id: string;
  status: 'draft' | 'enrolling' | 'running' | 'closed';
  starts_at: Date;
  ends_at: Date;
}

/** Every program event carries the whole snapshot, so an upsert by id makes a redelivery harmless. */
export async function upsertProgram(sql: Sql, tenantId: string, p: EventData<'enrollment.program.updated'>): Promise<void> {
  await sql.query(
    `INSERT INTO programs (id, tenant_id, status, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET status = $3, starts_at = $4, ends_at = $5, updated_at = now()`,
    [p.programId, tenantId, p.status, p.startsAt, p.endsAt],
  );
}

export async function findProgram(sql: Sql, id: string): Promise<ProgramRow | undefined> {
  return (await sql.query<ProgramRow>(`SELECT * FROM programs WHERE id = $1`, [id])).rows[0];
}

/** For routes: a program this tenant does not have answers 404. */
export async function requireProgram(sql: Sql, id: string): Promise<ProgramRow> {
  const program = await findProgram(sql, id);
  if (!program) throw notFound('program');
  return program;
}

export async function rememberEnrollee(sql: Sql, tenantId: string, programId: string, participantId: string, skills: string[]): Promise<void> {
  await sql.query(
    `INSERT INTO enrollees (tenant_id, program_id, participant_id, skills_sought) VALUES ($1, $2, $3, $4)
     ON CONFLICT (program_id, participant_id) DO UPDATE SET skills_sought = $4`,
    [tenantId, programId, participantId, JSON.stringify(skills)],
  );
}

export async function forgetEnrollee(sql: Sql, programId: string, participantId: string): Promise<void> {
  await sql.query(`DELETE FROM enrollees WHERE program_id = $1 AND participant_id = $2`, [programId, participantId]);
}

export async function enrolleesOf(sql: Sql, programId: string): Promise<{ participant_id: string; skills_sought: string[] }[]> {
  const r = await sql.query<{ participant_id: string; skills_sought: string[] }>(
    `SELECT participant_id, skills_sought FROM enrollees WHERE program_id = $1 ORDER BY participant_id`,
    [programId],
  );
  return r.rows;
}

/** Approved enrollees of the program who have no baseline yet (their approval came before the program). */
export async function enrolleesWithoutBaseline(sql: Sql, programId: string): Promise<{ participant_id: string; skills_sought: string[] }[]> {
  const r = await sql.query<{ participant_id: string; skills_sought: string[] }>(
    `SELECT e.participant_id, e.skills_sought FROM enrollees e
     WHERE e.program_id = $1 AND NOT EXISTS (
       SELECT 1 FROM assignments a
       WHERE a.program_id = e.program_id AND a.participant_id = e.participant_id AND a.kind = 'baseline' AND a.session_id IS NULL)
     ORDER BY e.participant_id`,
    [programId],
  );
  return r.rows;
}

/**
 * Handlers of a program's snapshot and of its approvals take this first: arriving at once on
 * different keys, each then sees the other's writes (an approval's enrollee, the program).
 */
export const lockProgram = (sql: Sql, programId: string) => lockFor(sql, `surveys.program:${programId}`);
