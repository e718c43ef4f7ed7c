import { eventually } from '@tandem/platform/testing';
import { describe, expect, it } from 'vitest';
import { Api, expectStatus } from './api-client';

export interface PlatformUnderTest {
  url: string;
  operatorKey: string;
}

const MENTORS = 5;
const MENTEES = 15;
const year = new Date().getUTCFullYear() + 1;

export const programBody = {
  name: 'Product leads mentoring',
  format: 'mentoring',
  objectives: ['grow product leadership'],
  startsAt: `${year}-01-11T00:00:00Z`,
  endsAt: `${year}-06-30T00:00:00Z`,
  cadence: { every: 2, unit: 'week' },
  sessionMinutes: 45,
  matching: { objective: 'optimal', weights: { skills: 3, goals: 2, availability: 1 } },
};

export const enrollmentBody = (i: number, role: 'mentor' | 'mentee') => ({
  participant: {
    email: `person${i}@example.org`,
    name: `Person ${i}`,
    department: i % 2 ? 'engineering' : 'product',
    level: role === 'mentor' ? 4 : 2,
    timeZone: ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo'][i % 3],
    languages: ['en'],
  },
  role,
  capacity: role === 'mentor' ? 3 : 1,
  skillsOffered: role === 'mentor' ? [{ skill: ['negotiation', 'hiring', 'roadmapping'][i % 3], level: 4 }] : [],
  skillsSought: role === 'mentee' ? [{ skill: ['negotiation', 'hiring', 'roadmapping'][i % 3], level: 2 }] : [],
  goals: ['lead a team'],
  interests: ['chess'],
  availability: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, from: '00:00', to: '24:00' })),
});

/** Operator creates a tenant and its admin sets up a running, matched program through the public API. */
export async function setUpMatchedProgram(api: Api, operatorKey: string, slug: string) {
  const tenant = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: `Org ${slug}`, slug }), 201);
  const admin = api.as(tenant.adminApiKey);
  const program = await expectStatus(admin.post('/v1/programs', programBody), 201);
  await expectStatus(admin.post(`/v1/programs/${program.id}/open`), 200);
  const enrollments: { id: string; participantId: string }[] = [];
  for (let i = 0; i < MENTORS + MENTEES; i += 1) {
    enrollments.push(await expectStatus(admin.post(`/v1/programs/${program.id}/enrollments`, enrollmentBody(i, i < MENTORS ? 'mentor' : 'mentee')), 201));
  }
  for (const e of enrollments) await expectStatus(admin.post(`/v1/enrollments/${e.id}/approve`), 200);
  await expectStatus(admin.post(`/v1/programs/${program.id}/start`), 200);
  // Matching learns of approvals from events: preview until it sees the whole pool.
  await eventually(async () => {
    const preview = await admin.post(`/v1/programs/${program.id}/matching-runs`, { dryRun: true, seed: 1 });
    return preview.status === 201 && preview.body.matches.length + preview.body.unmatched.length >= MENTEES;
  }, 30_000, 200);
  const run = await expectStatus(admin.post(`/v1/programs/${program.id}/matching-runs`, { dryRun: false, seed: 1 }), 201);
  return { tenant, admin, program, enrollments, run };
}

/** The walking-skeleton scenario, run the same way against every runtime mode. */
export function lifecycleSuite(mode: string, platform: () => PlatformUnderTest): void {
  describe(`program lifecycle (${mode})`, () => {
    it('enrolls, matches and accepts; sessions, baseline surveys and the dashboard follow', async () => {
      const { url, operatorKey } = platform();
      const { admin, program, enrollments, run } = await setUpMatchedProgram(new Api(url), operatorKey, `${mode}-one`);
      expect(run.matches).toHaveLength(MENTEES);
      expect(run.unmatched).toEqual([]);
      for (const m of run.matches) {
        expect(m.score).toBeGreaterThan(0);
        const sum = Object.values(m.explanation as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(m.score, 6);
      }
      const matches = run.matches as { id: string }[];
      for (const m of matches) await expectStatus(admin.post(`/v1/matches/${m.id}/accept`), 200);

      await eventually(async () => {
        for (const m of matches) {
          const sessions = await admin.get(`/v1/matches/${m.id}/sessions`);
          if (sessions.status !== 200 || sessions.body.items.length === 0) return false;
        }
        return true;
      }, 30_000, 200);
      await eventually(async () => {
        const a = await admin.get(`/v1/programs/${program.id}/survey-assignments?limit=200`);
        return a.status === 200 && a.body.items.filter((s: { kind: string }) => s.kind === 'baseline').length === enrollments.length;
      }, 30_000, 200);
      const dashboard = await eventually(async () => {
        const d = await admin.get(`/v1/programs/${program.id}/dashboard`);
        return d.status === 200 && d.body.sessions.scheduled === MENTEES && d.body.matches.active === MENTEES ? d.body : false;
      }, 30_000, 200);
      expect(dashboard.enrollments.byStatus.approved).toBe(MENTORS + MENTEES);
      expect(dashboard.enrollments.byRole).toMatchObject({ mentor: MENTORS, mentee: MENTEES });
      expect(dashboard.matches).toMatchObject({ active: MENTEES, ended: 0, matchRate: 1 });
      expect(dashboard.surveys.assigned).toBe(MENTORS + MENTEES);
    });

    it('keeps tenants apart: another admin gets 404 for program, match and dashboard', async () => {
      const { url, operatorKey } = platform();
      const api = new Api(url);
      const { program, run } = await setUpMatchedProgram(api, operatorKey, `${mode}-a`);
      const other = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'Other', slug: `${mode}-b` }), 201);
      const stranger = api.as(other.adminApiKey);
      for (const path of [`/v1/programs/${program.id}`, `/v1/matches/${run.matches[0].id}`, `/v1/programs/${program.id}/dashboard`]) {
        const r = await stranger.get(path);
        expect(r.status, path).toBe(404);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await stranger.get('/v1/programs')).body.items).toEqual([]);
    });

    it('answers 401 without a key or with a revoked one, and 403 for an admin on operator routes', async () => {
      const { url, operatorKey } = platform();
      const api = new Api(url);
      expect((await api.get('/v1/programs')).status).toBe(401);
      expect((await api.as('tdm_not-a-key').get('/v1/programs')).status).toBe(401);
      const tenant = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'Keys', slug: `${mode}-keys` }), 201);
      const admin = api.as(tenant.adminApiKey);
      expect((await admin.get('/v1/tenants')).status).toBe(403);
      expect((await api.as(operatorKey).get('/v1/programs')).status).toBe(403);
      const extra = await expectStatus(admin.post('/v1/api-keys', { name: 'script', role: 'admin' }), 201);
      expect((await api.as(extra.key).get('/v1/programs')).status).toBe(200);
      await expectStatus(admin.delete(`/v1/api-keys/${extra.id}`), 204);
      const revoked = await api.as(extra.key).get('/v1/programs');
      expect(revoked.status).toBe(401);
      expect(revoked.body.title).toBe('Unauthorized');
    });

    it('rejects bad input with 400 problem+json naming the field, writing nothing', async () => {
      const { url, operatorKey } = platform();
      const api = new Api(url);
      const tenant = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'Bad input', slug: `${mode}-bad` }), 201);
      const admin = api.as(tenant.adminApiKey);
      const malformed = await admin.post('/v1/programs', '{"name": "x",');
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
      const cases: [Record<string, unknown>, string][] = [
        [{ ...programBody, name: undefined }, 'name'],
        [{ ...programBody, sessionMinutes: 'long' }, 'sessionMinutes'],
        [{ ...programBody, format: 'speed-dating' }, 'format'],
        [{ ...programBody, endsAt: `${year - 2}-01-01T00:00:00Z` }, 'endsAt'],
      ];
      for (const [body, field] of cases) {
        const r = await admin.post('/v1/programs', body);
        expect(r.status, field).toBe(400);
        expect(r.body.errors.map((e: { path: string }) => e.path), field).toContain(field);
      }
      const program = await expectStatus(admin.post('/v1/programs', programBody), 201);
      await expectStatus(admin.post(`/v1/programs/${program.id}/open`), 200);
      const badZone = enrollmentBody(1, 'mentee');
      badZone.participant.timeZone = 'Moon/Tranquility';
      const tz = await admin.post(`/v1/programs/${program.id}/enrollments`, badZone);
      expect(tz.status).toBe(400);
      expect(tz.body.errors[0].path).toBe('participant.timeZone');
      expect((await admin.get('/v1/programs')).body.items).toHaveLength(1);
      expect((await admin.get(`/v1/programs/${program.id}/enrollments`)).body.items).toEqual([]);
    });

    it('replays a POST with the same Idempotency-Key instead of running it twice', async () => {
      const { url, operatorKey } = platform();
      const api = new Api(url);
      const tenant = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'Idem', slug: `${mode}-idem` }), 201);
      const admin = api.as(tenant.adminApiKey);
      const first = await admin.post('/v1/programs', programBody, { 'idempotency-key': 'create-1' });
      const again = await admin.post('/v1/programs', programBody, { 'idempotency-key': 'create-1' });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const reused = await admin.post('/v1/programs', { ...programBody, name: 'Other' }, { 'idempotency-key': 'create-1' });
      expect(reused.status).toBe(422);
      expect((await admin.get('/v1/programs')).body.items).toHaveLength(1);
    });
  });
}
