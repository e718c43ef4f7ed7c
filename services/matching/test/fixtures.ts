import type { EventData, MatchingProfile } from '@tandem/contracts';
import { uuidv7 } from '@tandem/platform';
import { eventually, type TestService } from '@tandem/platform/testing';

type Role = 'mentor' | 'mentee' | 'peer';
type ProgramStatus = 'draft' | 'enrolling' | 'running' | 'closed';

type ProgramOverrides = Partial<EventData<'enrollment.program.updated'>>;

/** The snapshot enrollment publishes with every program event. */
export const programSnapshot = (programId: string, status: ProgramStatus, overrides: ProgramOverrides = {}) => ({
  programId,
  name: 'Product leads mentoring',
  format: 'mentoring' as const,
  status,
  startsAt: '2027-01-11T00:00:00Z',
  endsAt: '2027-06-30T00:00:00Z',
  cadence: { every: 2, unit: 'week' as const },
  sessionMinutes: 45,
  matching: { objective: 'optimal' as const, weights: { skills: 3, goals: 2, availability: 1 } },
  ...overrides,
});

/** A realistic approved profile: mentors offer a skill at level 4, mentees seek it at level 2, all speak English. */
export const profile = (role: Role, skill: string, overrides: Partial<MatchingProfile> = {}): MatchingProfile => ({
  capacity: role === 'mentor' ? 2 : 1,
  department: role === 'mentor' ? 'engineering' : 'sales',
  level: role === 'mentor' ? 4 : 2,
  timeZone: 'Europe/Berlin',
  languages: ['en'],
  skillsOffered: role === 'mentor' ? [{ skill, level: 4 }] : [],
  skillsSought: role === 'mentee' ? [{ skill, level: 2 }] : [],
  goals: ['lead a team'],
  interests: ['chess'],
  availability: [{ day: 'tue', from: '08:00', to: '20:00' }, { day: 'thu', from: '08:00', to: '20:00' }],
  preferences: { prefer: [], avoid: [] },
  ...overrides,
});

export interface Person {
  participantId: string;
  enrollmentId: string;
  role: Role;
}

/** Injects enrollment's events for a program and its approved participants, and waits until matching has projected them. */
export async function seedProgram(
  svc: TestService,
  tenantId: string,
  people: { role: Role; profile: MatchingProfile }[],
  status: ProgramStatus = 'running',
  program: ProgramOverrides = {},
): Promise<{ programId: string; people: Person[] }> {
  const programId = uuidv7();
  await svc.publish(tenantId, 'enrollment.program.created', programId, programSnapshot(programId, 'draft', program));
  if (status !== 'draft') {
    await svc.publish(tenantId, 'enrollment.program.opened', programId, programSnapshot(programId, 'enrolling', program));
  }
  const seeded = await approve(svc, tenantId, programId, people);
  if (status === 'running') {
    await svc.publish(tenantId, 'enrollment.program.started', programId, programSnapshot(programId, 'running', program));
  }
  await eventually(async () => (await programStatus(svc, tenantId, programId)) === status);
  return { programId, people: seeded };
}

/** Approves more participants, e.g. late joiners, and waits for the pool to hold them. */
export async function approve(
  svc: TestService,
  tenantId: string,
  programId: string,
  people: { role: Role; profile: MatchingProfile }[],
): Promise<Person[]> {
  const before = await poolSize(svc, tenantId, programId);
  const seeded: Person[] = [];
  for (const p of people) {
    const person = { participantId: uuidv7(), enrollmentId: uuidv7(), role: p.role };
    await svc.publish(tenantId, 'enrollment.enrollment.approved', person.enrollmentId, {
      enrollmentId: person.enrollmentId, programId, participantId: person.participantId, role: p.role, status: 'approved',
      profile: p.profile,
    });
    seeded.push(person);
  }
  await eventually(async () => (await poolSize(svc, tenantId, programId)) === before + people.length);
  return seeded;
}

export async function poolSize(svc: TestService, tenantId: string, programId: string): Promise<number> {
  const r = await svc.ctx.db.withTenant(tenantId, (sql) =>
    sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pool WHERE program_id = $1 AND status = 'approved'`, [programId]));
  return r.rows[0]!.n;
}

async function programStatus(svc: TestService, tenantId: string, programId: string): Promise<string | undefined> {
  const r = await svc.ctx.db.withTenant(tenantId, (sql) =>
    sql.query<{ status: string }>(`SELECT status FROM programs WHERE id = $1`, [programId]));
  return r.rows[0]?.status;
}
