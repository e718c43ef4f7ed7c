import { endpoints } from '@tandem/contracts';
import { conflict, createEvent, implement, uuidv7, writeToOutbox, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { assertMayAccess, findAssignment } from './assignment-store';
import { templates } from './templates';

/**
 * A survey is answered once, by the participant it is assigned to or by an admin on their
 * behalf. The answers are checked against the template of the survey's kind, and the scores
 * other services count (rating, NPS, satisfaction) travel in the event.
 */
export function responseRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  implement(app, endpoints.answerSurvey, async ({ params: { id }, body, caller }) => {
    const response = await ctx.transaction(caller.tenantId, async (sql) => {
      const assignment = await findAssignment(sql, id, true);
      assertMayAccess(caller, assignment);
      if (assignment.status === 'answered') throw conflict('this survey has been answered already');
      const { answers, scores } = templates[assignment.kind].parseResponse({ skills: assignment.skills }, body);
      const responseId = uuidv7();
      const r = await sql.query<{ created_at: Date }>(
        `INSERT INTO responses (id, tenant_id, assignment_id, answers, submitted_by) VALUES ($1, $2, $3, $4, $5) RETURNING created_at`,
        [responseId, caller.tenantId, id, JSON.stringify(answers), caller.role],
      );
      const submittedAt = r.rows[0]!.created_at;
      await sql.query(`UPDATE assignments SET status = 'answered', answered_at = $2 WHERE id = $1`, [id, submittedAt]);
      await writeToOutbox(sql, [
        createEvent(ctx.name, caller.tenantId, 'surveys.response.submitted', id, {
          assignmentId: id,
          programId: assignment.program_id,
          participantId: assignment.participant_id,
          kind: assignment.kind,
          ...(assignment.session_id !== null ? { sessionId: assignment.session_id } : {}),
          ...scores,
        }),
      ]);
      return { id: responseId, assignmentId: id, kind: assignment.kind, answers, submittedAt: submittedAt.toISOString() };
    });
    return response;
  });
}
