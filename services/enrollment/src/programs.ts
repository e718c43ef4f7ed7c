import { endpoints, type AnyEndpoint, type EventType } from '@tandem/contracts';
import {
  badRequest, conflict, createEvent, implement, notFound, toPage, uuidv7, writeToOutbox, type ServiceContext, type Sql,
} from '@tandem/platform';
import type { FastifyInstance } from 'fastify';

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
const transitions = [
  { endpoint: endpoints.openProgram, action: 'open', from: ['draft'], to: 'enrolling', event: 'enrollment.program.opened' },
  { endpoint: endpoints.startProgram, action: 'start', from: ['enrolling'], to: 'running', event: 'enrollment.program.started' },
  { endpoint: endpoints.closeProgram, action: 'close', from: ['draft', 'enrolling', 'running'], to: 'closed', event: 'enrollment.program.closed' },
] as const satisfies readonly { endpoint: AnyEndpoint; action: string; from: readonly string[]; to: ProgramRow['status']; event: EventType }[];

export function programRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const emit = (sql: Sql, tenantId: string, type: EventType & `enrollment.program.${string}`, row: ProgramRow) =>
    writeToOutbox(sql, [createEvent(ctx.name, tenantId, type, row.id, snapshot(row))]);

  implement(app, endpoints.createProgram, async ({ body, caller: { tenantId } }) => {
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
    return programView(row);
  });

  implement(app, endpoints.listPrograms, async ({ query: q, caller: { tenantId } }) => {
    const rows = await ctx.db.withTenant(tenantId, (sql) =>
      sql.query<ProgramRow>(
        `SELECT * FROM programs WHERE ($1::uuid IS NULL OR id > $1) AND ($2::text IS NULL OR status = $2)
         ORDER BY id LIMIT $3`,
        [q.cursor ?? null, q.status ?? null, q.limit + 1],
      ),
    );
    return toPage(rows.rows, q.limit, programView);
  });

  implement(app, endpoints.getProgram, async ({ params: { id }, caller }) =>
    programView(await ctx.db.withTenant(caller.tenantId, (sql) => findProgram(sql, id))));

  implement(app, endpoints.updateProgram, async ({ params: { id }, body, caller: { tenantId } }) => {
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

  for (const { endpoint, action, ...t } of transitions) {
    implement(app, endpoint, async ({ params: { id }, caller: { tenantId } }) => {
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
