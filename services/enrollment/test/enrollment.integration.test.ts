import { uuidv7 } from '@tandem/platform';
import { eventually, startTestService, type TestService } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollmentService } from '../src/index';
import { enrollmentBody, programBody } from './fixtures';

let svc: TestService;
const tenantA = uuidv7();
const tenantB = uuidv7();
const seen: { type: string; tenantId: string }[] = [];

beforeAll(async () => {
  svc = await startTestService(enrollmentService, { database: 'enrollment' });
  await svc.bus.subscribe({ group: 'probe', topics: ['tandem.enrollment'] }, async (m) => {
    seen.push(JSON.parse(m.value));
  });
});
afterAll(() => svc?.stop());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = svc.as(tenantA)) =>
  svc.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });

describe('programs', () => {
  it('creates, opens and starts a program, emitting an event for each step', async () => {
    const created = await call('POST', '/v1/programs', programBody());
    expect(created.statusCode).toBe(201);
    const program = created.json();
    expect(program).toMatchObject({ status: 'draft', version: 1, format: 'mentoring' });
    expect((await call('POST', `/v1/programs/${program.id}/open`)).json().status).toBe('enrolling');
    expect((await call('POST', `/v1/programs/${program.id}/open`)).statusCode).toBe(409);
    expect((await call('POST', `/v1/programs/${program.id}/start`)).json()).toMatchObject({ status: 'running', version: 3 });
    await eventually(async () => seen.filter((e) => e.type.startsWith('enrollment.program.')).length >= 3);
    expect(seen.map((e) => e.type)).toEqual(expect.arrayContaining([
      'enrollment.program.created', 'enrollment.program.opened', 'enrollment.program.started',
    ]));
  });

  it('rejects bad input with problem+json naming the field, and writes nothing', async () => {
    const before = (await call('GET', '/v1/programs?limit=200')).json().items.length;
    const cases: [unknown, string][] = [
      [programBody({ format: 'speed-dating' }), 'format'],
      [programBody({ endsAt: '2026-01-01T00:00:00Z' }), 'endsAt'],
      [programBody({ name: 42 }), 'name'],
      [{ ...programBody(), name: undefined }, 'name'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', '/v1/programs', body);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const malformed = await svc.app.inject({ method: 'POST', url: '/v1/programs', headers: svc.as(tenantA), payload: '{"name": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().title).toBe('Bad Request');
    expect((await call('GET', '/v1/programs?limit=200')).json().items.length).toBe(before);
  });

  it('uses optimistic concurrency on PATCH', async () => {
    const program = (await call('POST', '/v1/programs', programBody())).json();
    const ok = await call('PATCH', `/v1/programs/${program.id}`, { version: 1, name: 'Renamed' });
    expect(ok.json()).toMatchObject({ name: 'Renamed', version: 2 });
    expect((await call('PATCH', `/v1/programs/${program.id}`, { version: 1, name: 'Stale' })).statusCode).toBe(409);
  });

  it('hides one tenant’s programs from another (404, like a missing one)', async () => {
    const program = (await call('POST', '/v1/programs', programBody())).json();
    const other = await call('GET', `/v1/programs/${program.id}`, undefined, svc.as(tenantB));
    expect(other.statusCode).toBe(404);
    expect((await call('GET', `/v1/programs/${uuidv7()}`)).statusCode).toBe(404);
    expect((await call('GET', '/v1/programs', undefined, svc.as(tenantB))).json().items).toEqual([]);
  });

  it('refuses requests without a valid tenant context and participants on admin routes', async () => {
    const r = await svc.app.inject({ method: 'GET', url: '/v1/programs' });
    expect(r.statusCode).toBe(401);
    const p = await call('POST', '/v1/programs', programBody(), svc.as(tenantA, 'participant', uuidv7()));
    expect(p.statusCode).toBe(403);
  });
});

describe('enrollments', () => {
  it('enrolls, pages, approves with the matching profile in the event, and refuses duplicates', async () => {
    const program = (await call('POST', '/v1/programs', programBody())).json();
    expect((await call('POST', `/v1/programs/${program.id}/enrollments`, enrollmentBody(1, 'mentee'))).statusCode).toBe(409);
    await call('POST', `/v1/programs/${program.id}/open`);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const r = await call('POST', `/v1/programs/${program.id}/enrollments`, enrollmentBody(i, i === 0 ? 'mentor' : 'mentee'));
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ status: 'pending', programId: program.id });
      ids.push(r.json().id);
    }
    expect((await call('POST', `/v1/programs/${program.id}/enrollments`, enrollmentBody(1, 'mentee'))).statusCode).toBe(409);
    const page1 = (await call('GET', `/v1/programs/${program.id}/enrollments?limit=3`)).json();
    const page2 = (await call('GET', `/v1/programs/${program.id}/enrollments?limit=3&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((e: { id: string }) => e.id)).toEqual(ids);
    expect(page2.nextCursor).toBeNull();

    const approved = await call('POST', `/v1/enrollments/${ids[0]}/approve`);
    expect(approved.json().status).toBe('approved');
    expect((await call('POST', `/v1/enrollments/${ids[0]}/approve`)).statusCode).toBe(409);
    const event = await eventually(async () =>
      seen.find((e) => e.type === 'enrollment.enrollment.approved' && (e as unknown as { subject: string }).subject === ids[0]));
    expect(event).toMatchObject({ tenantId: tenantA, data: { role: 'mentor', profile: { capacity: 2, timeZone: 'America/New_York' } } });
    expect(JSON.stringify(event)).not.toContain('@example.org');
    expect((await call('GET', `/v1/programs/${program.id}/enrollments?status=approved`)).json().items).toHaveLength(1);
  });

  it('rejects a bad time zone and an unknown role, naming the field', async () => {
    const program = (await call('POST', '/v1/programs', programBody())).json();
    await call('POST', `/v1/programs/${program.id}/open`);
    const tz = await call('POST', `/v1/programs/${program.id}/enrollments`,
      enrollmentBody(9, 'mentee', { participant: { ...enrollmentBody(9, 'mentee').participant, timeZone: 'Mars/Olympus' } }));
    expect(tz.statusCode).toBe(400);
    expect(tz.json().errors[0].path).toBe('participant.timeZone');
    const role = await call('POST', `/v1/programs/${program.id}/enrollments`, enrollmentBody(9, 'mentee', { role: 'guru' }));
    expect(role.json().errors[0].path).toBe('role');
    expect((await call('GET', `/v1/programs/${program.id}/enrollments`)).json().items).toEqual([]);
  });

  it('imports good rows and reports bad ones by row and field', async () => {
    const program = (await call('POST', '/v1/programs', programBody())).json();
    await call('POST', `/v1/programs/${program.id}/open`);
    const r = await call('POST', `/v1/programs/${program.id}/enrollments/import`, [
      enrollmentBody(20, 'mentor'), enrollmentBody(21, 'mentee', { capacity: 0 }), enrollmentBody(22, 'mentee'),
    ]);
    // Rows count from 1, as a person reading the file counts them (API.md).
    expect(r.json()).toEqual({ created: 2, errors: [{ row: 2, field: 'capacity', message: expect.any(String) }] });
  });
});

describe('erasure', () => {
  it('overwrites personal fields, withdraws enrollments and tells the other services', async () => {
    const program = (await call('POST', '/v1/programs', programBody())).json();
    await call('POST', `/v1/programs/${program.id}/open`);
    const enrollment = (await call('POST', `/v1/programs/${program.id}/enrollments`, enrollmentBody(40, 'mentee'))).json();
    await call('POST', `/v1/enrollments/${enrollment.id}/approve`);
    expect((await call('DELETE', `/v1/participants/${enrollment.participantId}`, undefined, svc.as(tenantB))).statusCode).toBe(404);
    expect((await call('DELETE', `/v1/participants/${enrollment.participantId}`)).statusCode).toBe(204);
    const after = (await call('GET', `/v1/enrollments/${enrollment.id}`)).json();
    expect(after.status).toBe('withdrawn');
    expect(after.participant.email).not.toContain('example.org');
    expect(after.participant.name).toBe('erased');
    const erased = await eventually(async () =>
      seen.find((e) => e.type === 'enrollment.participant.erased' && (e as unknown as { subject: string }).subject === enrollment.participantId));
    expect(erased.tenantId).toBe(tenantA);
    expect(seen.some((e) => e.type === 'enrollment.enrollment.withdrawn' && (e as unknown as { subject: string }).subject === enrollment.id)).toBe(true);
  });
});
