import { endpoints } from '@tandem/contracts';
import { implement, toPage, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { assertMayAccess, assignmentDetail, assignmentView, findAssignment, type AssignmentRow } from './assignment-store';
import { requireProgram } from './projections';

export function assignmentRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  // Admins see every assignment of the program; a participant only their own, whatever they ask for.
  implement(app, endpoints.listSurveyAssignments, async ({ params: { id: programId }, query: q, caller }) => {
    const participantId = caller.role === 'participant' ? caller.participantId ?? null : q.participantId ?? null;
    const rows = await ctx.db.withTenant(caller.tenantId, async (sql) => {
      await requireProgram(sql, programId);
      if (caller.role === 'participant' && (!participantId || (q.participantId && q.participantId !== participantId))) return [];
      const r = await sql.query<AssignmentRow>(
        `SELECT * FROM assignments WHERE program_id = $1 AND ($2::uuid IS NULL OR id > $2)
           AND ($3::text IS NULL OR status = $3) AND ($4::uuid IS NULL OR participant_id = $4)
         ORDER BY id LIMIT $5`,
        [programId, q.cursor ?? null, q.status ?? null, participantId, q.limit + 1],
      );
      return r.rows;
    });
    return toPage(rows, q.limit, assignmentView);
  });

  implement(app, endpoints.getSurveyAssignment, async ({ params: { id }, caller }) => {
    const row = await ctx.db.withTenant(caller.tenantId, (sql) => findAssignment(sql, id));
    assertMayAccess(caller, row);
    return assignmentDetail(row);
  });
}
