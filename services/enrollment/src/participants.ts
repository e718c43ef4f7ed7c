import { endpoints } from '@tandem/contracts';
import { createEvent, implement, notFound, writeToOutbox, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';

/**
 * Erasure: the participant's personal fields are overwritten, their open enrollments withdrawn,
 * and `enrollment.participant.erased` tells every other service to drop or anonymise its copy.
 */
export function participantRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  implement(app, endpoints.eraseParticipant, async ({ params: { id }, caller: { tenantId } }) => {
    await ctx.transaction(tenantId, async (sql) => {
      const erased = await sql.query(
        `UPDATE participants SET email = 'erased-' || id || '@invalid', name = 'erased', department = NULL,
           location = NULL, level = NULL, languages = '[]'
         WHERE id = $1`,
        [id],
      );
      if (erased.rowCount === 0) throw notFound('participant');
      const withdrawn = await sql.query<{ id: string; program_id: string; role: 'mentor' | 'mentee' | 'peer' }>(
        `UPDATE enrollments SET status = 'withdrawn', goals = '[]', interests = '[]', availability = '[]',
           skills_offered = '[]', skills_sought = '[]', preferences = '{"prefer": [], "avoid": []}',
           version = version + 1, updated_at = now()
         WHERE participant_id = $1 AND status <> 'withdrawn' RETURNING id, program_id, role`,
        [id],
      );
      await writeToOutbox(sql, [
        ...withdrawn.rows.map((e) => createEvent(ctx.name, tenantId, 'enrollment.enrollment.withdrawn', e.id, {
          enrollmentId: e.id, programId: e.program_id, participantId: id, role: e.role, status: 'withdrawn',
        })),
        createEvent(ctx.name, tenantId, 'enrollment.participant.erased', id, { participantId: id }),
      ]);
    });
    return null;
  });
}
