import { programCreate, programPatch, type EventType } from '@tandem/contracts';
import {
  badRequest, conflict, createEvent, notFound, parseInput, parsePageQuery, requireAdmin, toPage, uuidv7, writeToOutbox,
  type ServiceContext, type Sql,
} from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export interface ProgramRow {
  id: string;
  tenant_id: string;
  name: string;
  format: 'mentoring' | 'peer' | 'circle';
  status: 'draft' | 'enrolling' | 'running' | 'closed';
  objectives: string[];
  starts_at: Date;
  ends_at: Date;
  cadence: { every: number; unit: 'day' | 'week' | 'month' };
  session_minutes: number;
  circle_size: number | null;
  matching: { objective: 'optimal' | 'stable'; weights: Record<string, number> };
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const programView = (r: ProgramRow) => ({
  id: r.id,
  name: r.name,
  format: r.format,
  status: r.status,
  objectives: r.objectives,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  cadence: r.cadence,
  sessionMinutes: r.session_minutes,
  ...(r.circle_size !== null ? { circleSize: r.circle_size } : {}),
  matching: r.matching,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const snapshot = (r: ProgramRow) => {
  const v = programView(r);
  return {
    programId: v.id, name: v.name, format: v.format, status: v.status, startsAt: v.startsAt, endsAt: v.endsAt,
    cadence: v.cadence, sessionMinutes: v.sessionMinutes, circleSize: v.circleSize, matching: v.matching,
  };
};

export async function findProgram(sql: Sql, id: string, lock = false): Promise<ProgramRow> {
  const r = await sql.query<ProgramRow>(`SELECT * FROM programs WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  if (!r.rows[0]) throw notFound('program');
  return r.rows[0];
}

/** The lifecycle a program moves through; anything else is a 409. */
const transitions = {
  open: { from: ['draft'], to: 'enrolling', event: 'enrollment.program.opened' },
  start: { from: ['enrolling'], to: 'running', event: 'enrollment.program.started' },
  close: { from: ['draft', 'enrolling', 'running'], to: 'closed', event: 'enrollment.program.closed' },
} as const satisfies Record<string, { from: readonly string[]; to: ProgramRow['status']; event: EventType }>;

const idParams = z.object({ id: z.uuid() });
export const parseId = (params: unknown) => parseInput(idParams, params, 'params').id;

export function programRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const emit = (sql: Sql, tenantId: string, type: EventType & `enrollment.program.${string}`, row: ProgramRow) =>
    writeToOutbox(sql, [createEvent(ctx.name, tenantId, type, row.id, snapshot(row))]);

  app.post('/v1/programs', async (request, reply) => {
    const { tenantId } = requireAdmin(request);
    const body = parseInput(programCreate, request.body);
    const row = await ctx.transaction(tenantId, async (sql) => {
      const r = await sql.query<ProgramRow>(
        `INSERT INTO programs (id, tenant_id, name, format, status, objectives, starts_at, ends_at, cadence,
           session_minutes, circle_size, matching)
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [uuidv7(), tenantId, body.name, body.format, JSON.stringify(body.objectives), body.startsAt, body.endsAt,
          JSON.stringify(body.cadence), body.sessionMinutes, body.circleSize ?? (body.format === 'circle' ? 4 : null),
          JSON.stringify(body.matching)],
      );
      await emit(sql, tenantId, 'enrollment.program.created', r.rows[0]!);
      return r.rows[0]!;
    });
    return reply.status(201).send(programView(row));
  });

  app.get('/v1/programs', async (request) => {
    const { tenantId } = request.tenant;
    const q = parsePageQuery(request.query, z.object({ status: z.enum(['draft', 'enrolling', 'running', 'closed']).optional() }));
    const rows = await ctx.db.withTenant(tenantId, (sql) =>
      sql.query<ProgramRow>(
        `SELECT * FROM programs WHERE ($1::uuid IS NULL OR id > $1) AND ($2::text IS NULL OR status = $2)
         ORDER BY id LIMIT $3`,
        [q.cursor ?? null, q.status ?? null, q.limit + 1],
      ),
    );
    return toPage(rows.rows, q.limit, programView);
  });

  app.get('/v1/programs/:id', async (request) => {
    const id = parseId(request.params);
    return programView(await ctx.db.withTenant(request.tenant.tenantId, (sql) => findProgram(sql, id)));
  });

  app.patch('/v1/programs/:id', async (request) => {
    const { tenantId } = requireAdmin(request);
    const id = parseId(request.params);
    const body = parseInput(programPatch, request.body);
    const row = await ctx.transaction(tenantId, async (sql) => {
      const current = await findProgram(sql, id, true);
      if (current.version !== body.version) {
        throw conflict(`program is at version ${current.version}, not ${body.version}; reload and retry`);
      }
      if (current.status === 'closed') throw conflict('a closed program cannot change');
      const startsAt = body.startsAt ?? current.starts_at.toISOString();
      const endsAt = body.endsAt ?? current.ends_at.toISOString();
      if (Date.parse(endsAt) <= Date.parse(startsAt)) {
        throw badRequest('invalid body', [{ path: 'endsAt', message: 'endsAt must be after startsAt' }]);
      }
      const r = await sql.query<ProgramRow>(
        `UPDATE programs SET name = $2, objectives = $3, starts_at = $4, ends_at = $5, cadence = $6,
           session_minutes = $7, circle_size = $8, matching = $9, version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id, body.name ?? current.name, JSON.stringify(body.objectives ?? current.objectives), startsAt, endsAt,
          JSON.stringify(body.cadence ?? current.cadence), body.sessionMinutes ?? current.session_minutes,
          body.circleSize ?? current.circle_size, JSON.stringify(body.matching ?? current.matching)],
      );
      await emit(sql, tenantId, 'enrollment.program.updated', r.rows[0]!);
      return r.rows[0]!;
    });
    return programView(row);
  });

  for (const [action, t] of Object.entries(transitions)) {
    app.post(`/v1/programs/:id/${action}`, async (request) => {
      const { tenantId } = requireAdmin(request);
      const id = parseId(request.params);
      const row = await ctx.transaction(tenantId, async (sql) => {
        const current = await findProgram(sql, id, true);
        if (!(t.from as readonly string[]).includes(current.status)) {
          throw conflict(`cannot ${action} a program that is ${current.status}`);
        }
        const r = await sql.query<ProgramRow>(
          `UPDATE programs SET status = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
          [id, t.to],
        );
        await emit(sql, tenantId, t.event, r.rows[0]!);
        return r.rows[0]!;
      });
      return programView(row);
    });
  }
}
