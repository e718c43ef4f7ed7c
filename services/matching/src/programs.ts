import type { Cadence } from '@tandem/contracts';
import { conflict, notFound, type Sql } from '@tandem/platform';

export type ProgramFormat = 'mentoring' | 'peer' | 'circle';
export type ProgramStatus = 'draft' | 'enrolling' | 'running' | 'closed';

/** The projection of one enrollment program: what a run needs to know of it. */
export interface ProgramRow {
  id: string;
  format: ProgramFormat;
  status: ProgramStatus;
  starts_at: Date;
  cadence: Cadence;
  session_minutes: number;
  circle_size: number | null;
  matching: { objective: 'optimal' | 'stable'; weights: Record<string, number> };
}

export async function findProgram(sql: Sql, id: string, lock = false): Promise<ProgramRow> {
  const r = await sql.query<ProgramRow>(`SELECT * FROM programs WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  if (!r.rows[0]) throw notFound('program');
  return r.rows[0];
}

/** Matches are made while a program enrolls or runs; a draft or closed one takes none. */
export function assertMatchable(program: ProgramRow): void {
  if (program.status !== 'enrolling' && program.status !== 'running') {
    throw conflict(`program is ${program.status}; matches are made only while it is enrolling or running`);
  }
}
