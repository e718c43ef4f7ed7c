import { parseInput, parsePageQuery, toPage, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assertMayAccess, assignmentDetail, assignmentView, findAssignment, type AssignmentRow } from './assignment-store';
import { requireProgram } from './projections';

const idParams = z.object({ id: z.uuid() });
export const parseId = (params: unknown) => parseInput(idParams, params, 'params').id;

export function assignmentRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  // Admins see every assignment of the program; a participant only their own, whatever they ask for.
  app.get('/v1/programs/:id/survey-assignments', async (request) => {
    const caller = request.tenant;
    const programId = parseId(request.params);
    const q = parsePageQuery(request.query, z.object({
      status: z.enum(['assigned', 'answered']).optional(),
      participantId: z.uuid().optional(),
    }));
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

  app.get('/v1/survey-assignments/:id', async (request) => {
    const id = parseId(request.params);
    const row = await ctx.db.withTenant(request.tenant.tenantId, (sql) => findAssignment(sql, id));
    assertMayAccess(request.tenant, row);
    return assignmentDetail(row);
  });
}
