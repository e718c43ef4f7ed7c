import { enrollmentCreate, type EnrollmentCreate, type EventType } from '@tandem/contracts';
import {
  AppError, badRequest, conflict, createEvent, fieldErrors, forbidden, notFound, parseInput, parsePageQuery, requireAdmin, toPage,
  uuidv7, writeToOutbox, type ServiceContext, type Sql, type TenantContext,
} from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findProgram, parseId } from './programs';

type EnrollmentStatus = 'pending' | 'approved' | 'waitlisted' | 'rejected' | 'withdrawn';

interface EnrollmentRow {
  id: string;
  program_id: string;
  participant_id: string;
  role: 'mentor' | 'mentee' | 'peer';
  status: EnrollmentStatus;
  capacity: number;
  skills_offered: { skill: string; level: number }[];
  skills_sought: { skill: string; level: number }[];
  goals: string[];
  interests: string[];
  availability: { day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'; from: string; to: string }[];
  preferences: { prefer: string[]; avoid: string[] };
  version: number;
  created_at: Date;
  updated_at: Date;
  // joined from participants
  email: string;
  name: string;
  department: string | null;
  location: string | null;
  level: number | null;
  time_zone: string;
  languages: string[];
}

const selectEnrollment = `
  SELECT e.*, p.email, p.name, p.department, p.location, p.level, p.time_zone, p.languages
  FROM enrollments e JOIN participants p ON p.id = e.participant_id`;

const enrollmentView = (r: EnrollmentRow) => ({
  id: r.id,
  programId: r.program_id,
  participantId: r.participant_id,
  participant: {
    email: r.email, name: r.name, timeZone: r.time_zone, languages: r.languages,
    ...(r.department !== null ? { department: r.department } : {}),
    ...(r.location !== null ? { location: r.location } : {}),
    ...(r.level !== null ? { level: r.level } : {}),
  },
  role: r.role,
  status: r.status,
  capacity: r.capacity,
  skillsOffered: r.skills_offered,
  skillsSought: r.skills_sought,
  goals: r.goals,
  interests: r.interests,
  availability: r.availability,
  preferences: r.preferences,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const ref = (r: EnrollmentRow) => ({
  enrollmentId: r.id, programId: r.program_id, participantId: r.participant_id, role: r.role, status: r.status,
});

/** What matching and scheduling need to know of an approved participant (no name, no e-mail). */
const profile = (r: EnrollmentRow) => ({
  capacity: r.capacity,
  ...(r.department !== null ? { department: r.department } : {}),
  ...(r.location !== null ? { location: r.location } : {}),
  ...(r.level !== null ? { level: r.level } : {}),
  timeZone: r.time_zone,
  languages: r.languages,
  skillsOffered: r.skills_offered,
  skillsSought: r.skills_sought,
  goals: r.goals,
  interests: r.interests,
  availability: r.availability,
  preferences: r.preferences,
});

async function findEnrollment(sql: Sql, id: string, lock = false): Promise<EnrollmentRow> {
  const r = await sql.query<EnrollmentRow>(`${selectEnrollment} WHERE e.id = $1 ${lock ? 'FOR UPDATE OF e' : ''}`, [id]);
  if (!r.rows[0]) throw notFound('enrollment');
  return r.rows[0];
}

/** Admin decisions and the participant's own withdrawal; anything else is a 409. */
const transitions = {
  approve: { from: ['pending', 'waitlisted'], to: 'approved', event: 'enrollment.enrollment.approved' },
  waitlist: { from: ['pending'], to: 'waitlisted', event: 'enrollment.enrollment.waitlisted' },
  reject: { from: ['pending', 'waitlisted'], to: 'rejected', event: 'enrollment.enrollment.rejected' },
  withdraw: { from: ['pending', 'waitlisted', 'approved'], to: 'withdrawn', event: 'enrollment.enrollment.withdrawn' },
} as const satisfies Record<string, { from: readonly EnrollmentStatus[]; to: EnrollmentStatus; event: EventType }>;

export function enrollmentRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  /** One enrollment in the caller's transaction: upserts the participant (by e-mail), then enrolls them. */
  const enroll = async (sql: Sql, caller: TenantContext, programId: string, body: EnrollmentCreate) => {
    const program = await findProgram(sql, programId);
    if (program.status !== 'enrolling') throw conflict(`program is ${program.status}; enrollment is closed`);
    if (program.format === 'mentoring' && body.role === 'peer') throw badRequest('invalid body', [{ path: 'role', message: 'mentoring programs take mentors and mentees' }]);
    if (program.format !== 'mentoring' && body.role !== 'peer') throw badRequest('invalid body', [{ path: 'role', message: `${program.format} programs take peers` }]);
    const p = body.participant;
    const participant = await sql.query<{ id: string }>(
      `INSERT INTO participants (id, tenant_id, email, name, department, location, level, time_zone, languages)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, email) DO UPDATE SET name = $4, department = $5, location = $6, level = $7,
         time_zone = $8, languages = $9
       RETURNING id`,
      [uuidv7(), caller.tenantId, p.email, p.name, p.department ?? null, p.location ?? null, p.level ?? null,
        p.timeZone, JSON.stringify(p.languages)],
    );
    const participantId = participant.rows[0]!.id;
    if (caller.role === 'participant' && caller.participantId !== participantId) {
      throw forbidden('participants may enroll only themselves');
    }
    const id = uuidv7();
    const inserted = await sql.query(
      `INSERT INTO enrollments (id, tenant_id, program_id, participant_id, role, status, capacity, skills_offered,
         skills_sought, goals, interests, availability, preferences)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (program_id, participant_id) DO NOTHING`,
      [id, caller.tenantId, programId, participantId, body.role, body.role === 'mentor' ? body.capacity : 1,
        JSON.stringify(body.skillsOffered), JSON.stringify(body.skillsSought), JSON.stringify(body.goals),
        JSON.stringify(body.interests), JSON.stringify(body.availability), JSON.stringify(body.preferences)],
    );
    if (inserted.rowCount === 0) throw conflict(`${p.email} is already enrolled in this program`);
    const row = await findEnrollment(sql, id);
    await writeToOutbox(sql, [createEvent(ctx.name, caller.tenantId, 'enrollment.enrollment.submitted', id, ref(row))]);
    return row;
  };

  app.post('/v1/programs/:id/enrollments', async (request, reply) => {
    const programId = parseId(request.params);
    const body = parseInput(enrollmentCreate, request.body);
    const row = await ctx.transaction(request.tenant.tenantId, (sql) => enroll(sql, request.tenant, programId, body));
    return reply.status(201).send(enrollmentView(row));
  });

  app.post('/v1/programs/:id/enrollments/import', async (request) => {
    const caller = requireAdmin(request);
    const programId = parseId(request.params);
    const rows = parseInput(z.array(z.unknown()).min(1).max(5000), request.body);
    await ctx.db.withTenant(caller.tenantId, (sql) => findProgram(sql, programId));
    const errors: { row: number; field: string; message: string }[] = [];
    let created = 0;
    // Each row stands alone: a bad row is reported and the good ones are kept.
    for (const [index, raw] of rows.entries()) {
      const parsed = enrollmentCreate.safeParse(raw);
      if (!parsed.success) {
        for (const e of fieldErrors(parsed.error)) errors.push({ row: index, field: e.path, message: e.message });
        continue;
      }
      try {
        await ctx.transaction(caller.tenantId, (sql) => enroll(sql, caller, programId, parsed.data));
        created += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push({ row: index, field: error.errors?.[0]?.path ?? '(row)', message: error.message });
      }
    }
    return { created, errors };
  });

  app.get('/v1/programs/:id/enrollments', async (request) => {
    const { tenantId } = requireAdmin(request);
    const programId = parseId(request.params);
    const q = parsePageQuery(request.query, z.object({
      status: z.enum(['pending', 'approved', 'waitlisted', 'rejected', 'withdrawn']).optional(),
      role: z.enum(['mentor', 'mentee', 'peer']).optional(),
    }));
    const rows = await ctx.db.withTenant(tenantId, async (sql) => {
      await findProgram(sql, programId);
      return sql.query<EnrollmentRow>(
        `${selectEnrollment} WHERE e.program_id = $1 AND ($2::uuid IS NULL OR e.id > $2)
           AND ($3::text IS NULL OR e.status = $3) AND ($4::text IS NULL OR e.role = $4)
         ORDER BY e.id LIMIT $5`,
        [programId, q.cursor ?? null, q.status ?? null, q.role ?? null, q.limit + 1],
      );
    });
    return toPage(rows.rows, q.limit, enrollmentView);
  });

  app.get('/v1/enrollments/:id', async (request) => {
    const id = parseId(request.params);
    const row = await ctx.db.withTenant(request.tenant.tenantId, (sql) => findEnrollment(sql, id));
    assertMayRead(request.tenant, row);
    return enrollmentView(row);
  });

  for (const [action, t] of Object.entries(transitions)) {
    app.post(`/v1/enrollments/:id/${action}`, async (request) => {
      const caller = request.tenant;
      const id = parseId(request.params);
      const row = await ctx.transaction(caller.tenantId, async (sql) => {
        const current = await findEnrollment(sql, id, true);
        const self = caller.role === 'participant' && caller.participantId === current.participant_id;
        if (caller.role !== 'admin' && !(self && action === 'withdraw')) {
          if (caller.role === 'participant' && !self) throw notFound('enrollment');
          throw forbidden('tenant admins only');
        }
        if (!(t.from as readonly string[]).includes(current.status)) {
          throw conflict(`cannot ${action} an enrollment that is ${current.status}`);
        }
        await sql.query(`UPDATE enrollments SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, t.to]);
        const updated = await findEnrollment(sql, id);
        const event = t.event === 'enrollment.enrollment.approved'
          ? createEvent(ctx.name, caller.tenantId, t.event, id, { ...ref(updated), profile: profile(updated) })
          : createEvent(ctx.name, caller.tenantId, t.event, id, ref(updated));
        await writeToOutbox(sql, [event]);
        return updated;
      });
      return enrollmentView(row);
    });
  }
}

/** A participant sees only their own enrollments; to them, others' do not exist. */
function assertMayRead(caller: TenantContext, row: EnrollmentRow): void {
  if (caller.role === 'participant' && caller.participantId !== row.participant_id) throw notFound('enrollment');
}
