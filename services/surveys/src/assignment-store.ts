import { createEvent, notFound, uuidv7, writeToOutbox, type Sql, type TenantContext } from '@tandem/platform';
import { templates, type SurveyKind } from './templates';

export interface AssignmentRow {
  id: string;
  program_id: string;
  participant_id: string;
  kind: SurveyKind;
  session_id: string | null;
  skills: string[];
  status: 'assigned' | 'answered';
  due_at: Date;
  created_at: Date;
  answered_at: Date | null;
}

export const assignmentView = (r: AssignmentRow) => ({
  id: r.id,
  programId: r.program_id,
  participantId: r.participant_id,
  kind: r.kind,
  ...(r.session_id !== null ? { sessionId: r.session_id } : {}),
  status: r.status,
  dueAt: r.due_at.toISOString(),
  createdAt: r.created_at.toISOString(),
  ...(r.answered_at !== null ? { answeredAt: r.answered_at.toISOString() } : {}),
});

/** One assignment with the questions to show. */
export const assignmentDetail = (r: AssignmentRow) => ({
  ...assignmentView(r),
  questions: templates[r.kind].questions({ skills: r.skills }),
});

export async function findAssignment(sql: Sql, id: string, lock = false): Promise<AssignmentRow> {
  const r = await sql.query<AssignmentRow>(`SELECT * FROM assignments WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  if (!r.rows[0]) throw notFound('survey assignment');
  return r.rows[0];
}

/** A participant sees only their own surveys; to them, others' do not exist. */
export function assertMayAccess(caller: TenantContext, row: AssignmentRow): void {
  if (caller.role === 'participant' && caller.participantId !== row.participant_id) throw notFound('survey assignment');
}

/**
 * Assigns a survey unless the same one exists already (per program, participant and kind; per
 * session and participant for pulses), and announces it. Returns whether it was new.
 */
export async function assignSurvey(
  sql: Sql,
  source: string,
  tenantId: string,
  a: { programId: string; participantId: string; kind: SurveyKind; sessionId?: string; skills?: readonly string[]; dueAt: Date },
): Promise<boolean> {
  const id = uuidv7();
  const conflictTarget = a.sessionId
    ? '(tenant_id, session_id, participant_id) WHERE session_id IS NOT NULL'
    : '(tenant_id, program_id, participant_id, kind) WHERE session_id IS NULL';
  const inserted = await sql.query(
    `INSERT INTO assignments (id, tenant_id, program_id, participant_id, kind, session_id, skills, status, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'assigned', $8)
     ON CONFLICT ${conflictTarget} DO NOTHING`,
    [id, tenantId, a.programId, a.participantId, a.kind, a.sessionId ?? null, JSON.stringify(a.skills ?? []), a.dueAt],
  );
  if (inserted.rowCount === 0) return false;
  await writeToOutbox(sql, [
    createEvent(source, tenantId, 'surveys.survey.assigned', id, {
      assignmentId: id, programId: a.programId, participantId: a.participantId, kind: a.kind, dueAt: a.dueAt.toISOString(),
    }),
  ]);
  return true;
}
