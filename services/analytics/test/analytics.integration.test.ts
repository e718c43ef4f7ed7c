import { uuidv7 } from '@tandem/platform';
import { eventually, startTestService, type TestService } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCache } from '@tandem/platform';
import { startPrivateRedis } from '@tandem/platform/test-servers';
import { dashboardVersion, markDashboardsChanged } from '../src/dashboard-cache';
import { checkAtRisk, createAnalyticsService, dashboardKey } from '../src/index';
import { enrollmentData, matchData, Producer, profile, programData, sessionData, type EnrollmentStatus, type Role } from './fixtures';

let svc: TestService;
const tenantA = uuidv7();
const tenantB = uuidv7();
let a: Producer;

beforeAll(async () => {
  svc = await startTestService(createAnalyticsService({ atRiskCheckEveryMs: 0 }), { database: 'analytics', redis: true });
  a = new Producer(svc, tenantA);
});
afterAll(() => svc?.stop());

const dashboard = (programId: string, headers = svc.as(tenantA)) =>
  svc.app.inject({ method: 'GET', url: `/v1/programs/${programId}/dashboard`, headers });

const counts = async (programId: string) => {
  const r = await dashboard(programId);
  expect(r.statusCode).toBe(200);
  return r.json();
};

/** Enrolls a participant through the statuses given, one event each; returns the ids. */
async function enroll(p: Producer, programId: string, role: Role, ...statuses: EnrollmentStatus[]) {
  const enrollmentId = uuidv7();
  const participantId = uuidv7();
  for (const status of statuses) {
    const data = enrollmentData(programId, enrollmentId, participantId, role, status);
    if (status === 'approved') await p.emit('enrollment.enrollment.approved', enrollmentId, { ...data, profile });
    else await p.emit(`enrollment.enrollment.${status === 'pending' ? 'submitted' : status}`, enrollmentId, data);
  }
  return { enrollmentId, participantId };
}

const version = (programId: string) => svc.ctx.db.withTenant(tenantA, (sql) => dashboardVersion(sql, programId));

async function newProgram(p: Producer) {
  const programId = uuidv7();
  await p.emit('enrollment.program.created', programId, programData(programId, { status: 'draft' }));
  await p.emit('enrollment.program.opened', programId, programData(programId));
  return programId;
}

async function match(p: Producer, programId: string, mentor: string, mentee: string, ...steps: ('accepted' | 'declined' | 'ended')[]) {
  const matchId = uuidv7();
  const data = matchData(programId, matchId, mentor, mentee);
  await p.emit('matching.match.proposed', matchId, { ...data, runId: null, score: 0.8 });
  for (const step of steps) await p.emit(`matching.match.${step}`, matchId, data);
  return matchId;
}

describe('program dashboard', () => {
  it('counts a realistic program exactly', async () => {
    const programId = await newProgram(a);
    await a.emit('enrollment.program.started', programId, programData(programId, { status: 'running' }));
    const m1 = await enroll(a, programId, 'mentor', 'pending', 'approved');
    const m2 = await enroll(a, programId, 'mentor', 'pending', 'approved');
    const e1 = await enroll(a, programId, 'mentee', 'pending', 'approved');
    const e2 = await enroll(a, programId, 'mentee', 'pending', 'approved');
    const e3 = await enroll(a, programId, 'mentee', 'pending', 'approved');
    await enroll(a, programId, 'mentee', 'pending');
    await enroll(a, programId, 'mentee', 'pending', 'waitlisted');
    await enroll(a, programId, 'peer', 'pending', 'rejected');
    await enroll(a, programId, 'mentee', 'pending', 'approved', 'withdrawn');

    const runId = uuidv7();
    const run = { runId, programId, objective: 'optimal', matchCount: 3, unmatchedCount: 1, totalScore: 2.4, dryRun: false };
    const ran = await a.emit('matching.run.completed', runId, run);
    await a.emit('matching.run.completed', uuidv7(), { ...run, runId: uuidv7(), dryRun: true });
    const x1 = await match(a, programId, m1.participantId, e1.participantId, 'accepted');
    const x2 = await match(a, programId, m2.participantId, e2.participantId, 'accepted');
    await match(a, programId, m1.participantId, e3.participantId, 'declined');

    const s1 = uuidv7();
    await a.emit('scheduling.session.scheduled', s1, sessionData(programId, x1, s1, '2027-01-12T10:00:00Z'));
    await a.emit('scheduling.session.completed', s1, sessionData(programId, x1, s1, '2027-01-12T10:00:00Z'));
    const s2 = uuidv7();
    await a.emit('scheduling.session.scheduled', s2, sessionData(programId, x1, s2, '2027-01-19T10:00:00Z'));
    for (const end of ['missed', 'cancelled', 'rescheduled'] as const) {
      const s = uuidv7();
      await a.emit('scheduling.session.scheduled', s, sessionData(programId, x2, s, '2027-01-13T10:00:00Z'));
      await a.emit(`scheduling.session.${end}`, s, sessionData(programId, x2, s, '2027-01-14T10:00:00Z'));
    }

    const survey = async (participantId: string, kind: 'baseline' | 'pulse' | 'end', answer?: object) => {
      const assignmentId = uuidv7();
      const ref = { assignmentId, programId, participantId, kind };
      await a.emit('surveys.survey.assigned', assignmentId, { ...ref, dueAt: '2027-02-01T00:00:00Z' });
      if (answer) await a.emit('surveys.response.submitted', assignmentId, { ...ref, ...answer });
    };
    await survey(m1.participantId, 'baseline', {});
    await survey(m2.participantId, 'baseline', {});
    await survey(e1.participantId, 'baseline', {});
    await survey(e2.participantId, 'baseline');
    await survey(e3.participantId, 'baseline');
    await survey(e1.participantId, 'pulse', { sessionId: s1, rating: 4 });
    await survey(m1.participantId, 'pulse', { sessionId: s1, rating: 5 });
    await survey(e1.participantId, 'end', { nps: 10, satisfaction: 5 });
    await survey(m1.participantId, 'end', { nps: 6, satisfaction: 3 });

    const r = await dashboard(programId);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      programId,
      enrollments: {
        byStatus: { pending: 1, approved: 5, waitlisted: 1, rejected: 1, withdrawn: 1 },
        byRole: { mentor: 2, mentee: 3, peer: 0 },
      },
      // m1, m2, e1, e2 of 5 approved are in an active match; e3 declined.
      matches: { active: 2, ended: 0, proposed: 0, declined: 1, matchRate: 0.8, lastRunAt: ran.time },
      sessions: { scheduled: 2, needsTime: 0, completed: 1, missed: 1, cancelled: 1 },
      surveys: { assigned: 9, answered: 7, responseRate: 0.7778 },
      satisfaction: { pulseAverage: 4.5, nps: 0, endSurveyAverage: 4 },
      atRisk: { count: 0 },
      updatedAt: expect.any(String),
    });

    // Ending a match frees its two people: 2 of 5 remain matched.
    await a.emit('matching.match.ended', x2, matchData(programId, x2, m2.participantId, e2.participantId));
    expect((await counts(programId)).matches).toMatchObject({ active: 1, ended: 1, matchRate: 0.4 });
  });

  it('changes nothing on a redelivered event or a duplicate under another id', async () => {
    const programId = await newProgram(a);
    const mentor = await enroll(a, programId, 'mentor', 'pending', 'approved');
    const mentee = await enroll(a, programId, 'mentee', 'pending', 'approved', 'withdrawn');
    const matchId = await match(a, programId, mentor.participantId, mentee.participantId, 'accepted');
    const s = uuidv7();
    const completed = await a.emit('scheduling.session.completed', s, sessionData(programId, matchId, s, '2027-01-12T10:00:00Z'));
    const before = await counts(programId);
    expect(before.enrollments.byStatus).toMatchObject({ approved: 1, withdrawn: 1 });
    expect(before.sessions.completed).toBe(1);
    expect(before.matches).toMatchObject({ active: 1, matchRate: 1 });

    await a.redeliver(completed);
    await a.deliver({ ...completed, id: uuidv7() });
    // The mentee's approval once more under a new id, with its original (older) time.
    const approval = a.event('enrollment.enrollment.approved', mentee.enrollmentId, {
      ...enrollmentData(programId, mentee.enrollmentId, mentee.participantId, 'mentee', 'approved'), profile,
    }, '2027-01-01T00:00:00Z');
    await a.deliver(approval);
    await a.redeliver(approval);
    const accepted = a.event('matching.match.accepted', matchId, matchData(programId, matchId, mentor.participantId, mentee.participantId));
    await a.deliver(accepted, { ...accepted, id: uuidv7() });
    await a.redeliver(accepted);

    const after = await counts(programId);
    expect({ ...after, updatedAt: undefined }).toEqual({ ...before, updatedAt: undefined });
  });

  it('ignores an older event that arrives after a newer one', async () => {
    const programId = await newProgram(a);
    const mentor = await enroll(a, programId, 'mentor', 'pending', 'approved');
    const mentee = await enroll(a, programId, 'mentee', 'pending', 'approved');
    const matchId = uuidv7();
    const data = matchData(programId, matchId, mentor.participantId, mentee.participantId);
    const proposed = a.event('matching.match.proposed', matchId, { ...data, runId: null, score: 0.5 });
    const accepted = a.event('matching.match.accepted', matchId, data);
    const s = uuidv7();
    const rescheduled = a.event('scheduling.session.rescheduled', s, sessionData(programId, matchId, s, '2027-01-20T10:00:00Z'));
    const completed = a.event('scheduling.session.completed', s, sessionData(programId, matchId, s, '2027-01-13T10:00:00Z'));
    const approvedAgain = a.event('enrollment.enrollment.approved', mentee.enrollmentId, {
      ...enrollmentData(programId, mentee.enrollmentId, mentee.participantId, 'mentee', 'approved'), profile,
    });
    const withdrawn = a.event('enrollment.enrollment.withdrawn', mentee.enrollmentId,
      enrollmentData(programId, mentee.enrollmentId, mentee.participantId, 'mentee', 'withdrawn'));

    await a.deliver(accepted, proposed, completed, rescheduled, withdrawn, approvedAgain);
    const d = await counts(programId);
    expect(d.matches).toMatchObject({ active: 1, proposed: 0 });
    expect(d.sessions).toMatchObject({ completed: 1, scheduled: 0 });
    expect(d.enrollments.byStatus).toMatchObject({ approved: 1, withdrawn: 1 });
    expect(d.enrollments.byRole).toEqual({ mentor: 1, mentee: 0, peer: 0 });
  });

  it('serves the second read from the tenant’s cache entry until an event changes the program', async () => {
    const programId = await newProgram(a);
    await enroll(a, programId, 'peer', 'pending');
    const first = await dashboard(programId);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await dashboard(programId);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.json()).toEqual(first.json());
    const before = await version(programId);
    await eventually(async () => (await svc.cache.get(dashboardKey(tenantA, programId, before))) !== null);
    expect(JSON.parse((await svc.cache.get(dashboardKey(tenantA, programId, before)))!)).toEqual(first.json());
    expect(await svc.cache.get(dashboardKey(tenantB, programId, before))).toBeNull();

    await enroll(a, programId, 'peer', 'approved');
    expect(await version(programId)).toBeGreaterThan(before);
    const third = await dashboard(programId);
    expect(third.headers['x-cache']).toBe('miss');
    expect(third.json().enrollments.byStatus).toMatchObject({ pending: 1, approved: 1 });
    await eventually(async () => (await dashboard(programId)).headers['x-cache'] === 'hit');
  });

  it('serves the committed numbers while a writer is under way, and the new ones from its commit on', async () => {
    const programId = await newProgram(a);
    await enroll(a, programId, 'peer', 'pending');
    await dashboard(programId);
    let during: Awaited<ReturnType<typeof dashboard>> | undefined;
    // A writer between its writes and its commit, as an event handler is.
    await svc.ctx.db.withTenant(tenantA, async (sql) => {
      await sql.query(`UPDATE enrollments SET status = 'approved' WHERE program_id = $1`, [programId]);
      await markDashboardsChanged(sql, tenantA, [programId]);
      during = await dashboard(programId);
    });
    expect(during!.json().enrollments.byStatus).toMatchObject({ pending: 1, approved: 0 });
    const after = await dashboard(programId);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.json().enrollments.byStatus).toMatchObject({ pending: 0, approved: 1 });
  });

  it('answers from the database and keeps applying events while the cache is stopped or frozen', async () => {
    const redis = await startPrivateRedis();
    const cached = await startTestService(createAnalyticsService({ atRiskCheckEveryMs: 0 }), {
      database: 'analytics_cache_down', cache: createRedisCache(redis.url),
    });
    try {
      const p = new Producer(cached, tenantA);
      const programId = await newProgram(p);
      const read = () => cached.app.inject({ method: 'GET', url: `/v1/programs/${programId}/dashboard`, headers: cached.as(tenantA) });
      expect((await read()).statusCode).toBe(200);
      await eventually(async () => (await read()).headers['x-cache'] === 'hit');
      for (const outage of [() => redis.freeze(), () => redis.stop()]) {
        await outage();
        // Events are applied without the cache (Producer waits for each to commit).
        await enroll(p, programId, 'peer', 'pending');
        const r = await read();
        expect(r.statusCode).toBe(200);
        expect(r.headers['x-cache']).toBe('miss');
        redis.thaw();
      }
      expect((await read()).json().enrollments.byStatus.pending).toBe(2);
      await redis.start();
      await eventually(async () => (await read()).headers['x-cache'] === 'hit', 20_000, 200);
    } finally {
      await cached.stop();
      await redis.close();
    }
  });

  it('answers 404 to another tenant and for unknown programs, 403 to participants, 400 to a bad id', async () => {
    const programId = await newProgram(a);
    const b = new Producer(svc, tenantB);
    // Tenant B's own events about the same id do not reveal or touch tenant A's program.
    await b.emit('enrollment.enrollment.submitted', uuidv7(), enrollmentData(programId, uuidv7(), uuidv7(), 'peer', 'pending'));
    const other = await dashboard(programId, svc.as(tenantB));
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect((await dashboard(uuidv7())).statusCode).toBe(404);
    expect((await dashboard(programId, svc.as(tenantA, 'participant', uuidv7()))).statusCode).toBe(403);
    const bad = await dashboard('not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.id');
    expect((await counts(programId)).enrollments.byStatus.pending).toBe(0);
  });

  it('keeps only anonymous counts of an erased participant', async () => {
    const programId = await newProgram(a);
    const mentor = await enroll(a, programId, 'mentor', 'pending', 'approved');
    const mentee = await enroll(a, programId, 'mentee', 'pending', 'approved');
    const matchId = await match(a, programId, mentor.participantId, mentee.participantId, 'accepted');
    const before = await counts(programId);

    expect(before.matches).toMatchObject({ active: 1, matchRate: 1 });

    await a.emit('enrollment.participant.erased', mentee.participantId, { participantId: mentee.participantId });
    const erased = await counts(programId);
    expect({ ...erased, updatedAt: undefined }).toEqual({ ...before, updatedAt: undefined });
    // A late event still naming them is anonymised as well.
    await a.emit('matching.match.ended', matchId, matchData(programId, matchId, mentor.participantId, mentee.participantId));
    expect((await counts(programId)).matches).toMatchObject({ active: 0, ended: 1, matchRate: 0 });

    const mentions = await svc.ctx.db.asOwner((sql) => sql.query(
      `SELECT 1 FROM enrollments WHERE participant_id = $1 UNION ALL SELECT 1 FROM match_members WHERE participant_id = $1
       UNION ALL SELECT 1 FROM survey_assignments WHERE participant_id = $1`,
      [mentee.participantId],
    ));
    expect(mentions.rowCount).toBe(0);
  });
});

describe('matches at risk', () => {
  const day = 86_400_000;
  const t0 = Date.parse('2027-02-01T10:00:00Z');
  const at = (days: number) => new Date(t0 + days * day);
  const emitted: { type: string; data: { matchId: string; programId: string; reasons: string[] } }[] = [];
  const flagsOf = (matchId: string) => emitted.filter((e) => e.data.matchId === matchId);

  beforeAll(async () => {
    await svc.bus.subscribe({ group: 'probe', topics: ['tandem.analytics'] }, async (m) => {
      emitted.push(JSON.parse(m.value));
    });
  });

  it('flags an active match once per episode: two cadence periods without a session, or low pulse ratings', async () => {
    const c = new Producer(svc, uuidv7());
    const check = (days: number) => checkAtRisk(svc.ctx, at(days), c.tenantId);
    const programId = await newProgram(c); // cadence: every week
    const mentor = await enroll(c, programId, 'mentor', 'approved');
    const mentee = await enroll(c, programId, 'mentee', 'approved');
    const x = await match(c, programId, mentor.participantId, mentee.participantId, 'accepted');
    expect(await check(30)).toEqual({ flagged: 0, cleared: 0 }); // nothing planned yet

    const [s1, s2] = [uuidv7(), uuidv7()];
    await c.emit('scheduling.session.scheduled', s1, sessionData(programId, x, s1, at(0).toISOString()));
    await c.emit('scheduling.session.completed', s1, sessionData(programId, x, s1, at(0).toISOString()));
    await c.emit('scheduling.session.scheduled', s2, sessionData(programId, x, s2, at(7).toISOString()));
    expect(await check(13.9)).toEqual({ flagged: 0, cleared: 0 });
    expect(await check(14)).toEqual({ flagged: 1, cleared: 0 });
    expect(await check(14.5)).toEqual({ flagged: 0, cleared: 0 });
    await eventually(async () => flagsOf(x).length === 1);
    expect(flagsOf(x)[0]).toMatchObject({ type: 'analytics.match.at_risk', data: { programId, reasons: ['no-recent-session'] } });
    expect((await dashboard(programId, svc.as(c.tenantId))).json().atRisk).toEqual({ count: 1 });

    // The second session took place: the episode ends, and a new one starts two weeks later.
    await c.emit('scheduling.session.completed', s2, sessionData(programId, x, s2, at(7).toISOString()));
    expect(await check(15)).toEqual({ flagged: 0, cleared: 1 });
    expect((await dashboard(programId, svc.as(c.tenantId))).json().atRisk).toEqual({ count: 0 });

    // Another match meets on time but rates its sessions 2 and 3 (average 2.5).
    const other = await enroll(c, programId, 'mentee', 'approved');
    const y = await match(c, programId, mentor.participantId, other.participantId, 'accepted');
    const s3 = uuidv7();
    await c.emit('scheduling.session.completed', s3, sessionData(programId, y, s3, at(20).toISOString()));
    for (const [participantId, rating] of [[mentor.participantId, 2], [other.participantId, 3]] as const) {
      const assignmentId = uuidv7();
      await c.emit('surveys.response.submitted', assignmentId, { assignmentId, programId, participantId, kind: 'pulse', sessionId: s3, rating });
    }
    expect(await check(21)).toEqual({ flagged: 2, cleared: 0 });
    await eventually(async () => flagsOf(x).length === 2 && flagsOf(y).length === 1);
    expect(flagsOf(y)[0]!.data.reasons).toEqual(['low-pulse']);
    expect((await dashboard(programId, svc.as(c.tenantId))).json().atRisk).toEqual({ count: 2 });

    // An ended match is no longer at risk.
    await c.emit('matching.match.ended', y, matchData(programId, y, mentor.participantId, other.participantId));
    expect(await check(21.5)).toEqual({ flagged: 0, cleared: 1 });
    expect((await dashboard(programId, svc.as(c.tenantId))).json().atRisk).toEqual({ count: 1 });
    expect(flagsOf(x)).toHaveLength(2);
  });

  it('runs on a timer with the service clock', async () => {
    let now = at(1);
    const timed = await startTestService(createAnalyticsService({ atRiskCheckEveryMs: 50, clock: () => now }), { database: 'analytics_clock' });
    try {
      const seen: string[] = [];
      await timed.bus.subscribe({ group: 'probe', topics: ['tandem.analytics'] }, async (m) => {
        seen.push(JSON.parse(m.value).data.matchId);
      });
      const p = new Producer(timed, uuidv7());
      const programId = await newProgram(p);
      const x = await match(p, programId, uuidv7(), uuidv7(), 'accepted');
      const s = uuidv7();
      await p.emit('scheduling.session.scheduled', s, sessionData(programId, x, s, at(0).toISOString()));
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([]);
      now = at(14);
      await eventually(async () => seen.length === 1);
      expect(seen).toEqual([x]);
    } finally {
      await timed.stop();
    }
  });
});
