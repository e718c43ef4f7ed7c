import { endpoints, enrollmentCreate, type AnyEndpoint, type EnrollmentCreate, type EventType } from '@tandem/contracts';
import {
  AppError, badRequest, conflict, createEvent, fieldErrors, forbidden, implement, notFound, toPage, uuidv7, writeToOutbox,
  type ServiceContext, type Sql, type TenantContext,
} from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { findProgram } from './programs';

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
const transitions = [
  { endpoint: endpoints.approveEnrollment, action: 'approve', from: ['pending', 'waitlisted'], to: 'approved', event: 'enrollment.enrollment.approved' },
  { endpoint: endpoints.waitlistEnrollment, action: 'waitlist', from: ['pending'], to: 'waitlisted', event: 'enrollment.enrollment.waitlisted' },
  { endpoint: endpoints.rejectEnrollment, action: 'reject', from: ['pending', 'waitlisted'], to: 'rejected', event: 'enrollment.enrollment.rejected' },
  { endpoint: endpoints.withdrawEnrollment, action: 'withdraw', from: ['pending', 'waitlisted', 'approved'], to: 'withdrawn', event: 'enrollment.enrollment.withdrawn' },
] as const satisfies readonly { endpoint: AnyEndpoint; action: string; from: readonly EnrollmentStatus[]; to: EnrollmentStatus; event: EventType }[];

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

  implement(app, endpoints.createEnrollment, async ({ params: { id: programId }, body, caller }) => {
    const row = await ctx.transaction(caller.tenantId, (sql) => enroll(sql, caller, programId, body));
    return enrollmentView(row);
  });

  // Every row is checked before any is written; then each valid row is enrolled in its own
  // transaction (all or nothing per row), and the rows that could not be are reported.
  implement(app, endpoints.importEnrollments, async ({ params: { id: programId }, body: rows, caller }) => {
    await ctx.db.withTenant(caller.tenantId, (sql) => findProgram(sql, programId));
    const errors: { row: number; field: string; message: string }[] = [];
    const valid: { row: number; enrollment: EnrollmentCreate }[] = [];
    for (const [index, raw] of rows.entries()) {
      const row = index + 1;
      const parsed = enrollmentCreate.safeParse(raw);
      if (parsed.success) valid.push({ row, enrollment: parsed.data });
      else for (const e of fieldErrors(parsed.error)) errors.push({ row, field: e.path, message: e.message });
    }
    let created = 0;
    for (const { row, enrollment } of valid) {
      try {
        await ctx.transaction(caller.tenantId, (sql) => enroll(sql, caller, programId, enrollment));
        created += 1;
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        errors.push({ row, field: error.errors?.[0]?.path ?? '(row)', message: error.message });
      }
    }
    errors.sort((a, b) => a.row - b.row);
    return { created, errors };
  });

  implement(app, endpoints.listEnrollments, async ({ params: { id: programId }, query: q, caller: { tenantId } }) => {
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

  implement(app, endpoints.getEnrollment, async ({ params: { id }, caller }) => {
    const row = await ctx.db.withTenant(caller.tenantId, (sql) => findEnrollment(sql, id));
    assertMayRead(caller, row);
    return enrollmentView(row);
  });

  for (const { endpoint, action, ...t } of transitions) {
    implement(app, endpoint, async ({ params: { id }, caller }) => {
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
