import { enrollmentService } from '@tandem/enrollment';
import { postgresDriver, type SqlDriver } from '@tandem/platform';
import { signTenantContext, TENANT_CONTEXT_HEADER } from '@tandem/platform';
import { startTestService, TEST_SECRET, type TestService } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../src/idempotency';
import { gatewayService } from '../src/index';
import { keyScope } from '../src/proxy';

// The gateway in front of a real enrollment service: what a client retrying with an
// Idempotency-Key gets, including after a gateway died mid-request and after the key expired.
const operatorKey = 'tdm_op_idempotency-test-operator-key-000';
let enrollment: TestService;
let gateway: TestService;
let owner: SqlDriver;

const program = (name: string) => ({
  name, format: 'peer', objectives: ['practise'], startsAt: '2031-01-06T00:00:00Z', endsAt: '2031-06-30T00:00:00Z',
  cadence: { every: 1, unit: 'week' }, sessionMinutes: 30, matching: { objective: 'optimal' },
});

beforeAll(async () => {
  enrollment = await startTestService(enrollmentService, { database: 'idem_enrollment' });
  const upstream = enrollment.url;
  gateway = await startTestService(gatewayService, {
    database: 'idem_gateway',
    env: {
      TANDEM_OPERATOR_KEY: operatorKey, RATE_LIMIT_PER_MINUTE: '100000',
      ENROLLMENT_URL: upstream, MATCHING_URL: upstream, SCHEDULING_URL: upstream, SURVEYS_URL: upstream, ANALYTICS_URL: upstream,
    },
  });
  owner = postgresDriver(gateway.databaseUrl, 1);
});
afterAll(async () => {
  await owner?.close();
  await gateway?.stop();
  await enrollment?.stop();
});

async function tenant(slug: string) {
  const r = await gateway.app.inject({ method: 'POST', url: '/v1/tenants', headers: { authorization: `Bearer ${operatorKey}` }, payload: { name: slug, slug } });
  expect(r.statusCode).toBe(201);
  const { id, adminApiKey } = r.json() as { id: string; adminApiKey: string };
  const post = (body: object, key: string) =>
    gateway.app.inject({ method: 'POST', url: '/v1/programs', headers: { authorization: `Bearer ${adminApiKey}`, 'idempotency-key': key }, payload: body });
  const programs = async () =>
    (await gateway.app.inject({ method: 'GET', url: '/v1/programs', headers: { authorization: `Bearer ${adminApiKey}` } })).json().items as { name: string }[];
  const newKey = async (role: 'admin' | 'participant') => {
    const r = await gateway.app.inject({
      method: 'POST', url: '/v1/api-keys', headers: { authorization: `Bearer ${adminApiKey}` },
      payload: { name: role, role, ...(role === 'participant' ? { participantId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' } : {}) },
    });
    expect(r.statusCode).toBe(201);
    return (r.json() as { key: string }).key;
  };
  const postAs = (body: object, key: string, apiKey: string) =>
    gateway.app.inject({ method: 'POST', url: '/v1/programs', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, payload: body });
  return { id, post, programs, newKey, postAs };
}

/** Moves a stored key back in time, as if it had been written `age` ago (SQL interval). */
const age = (tenantId: string, key: string, by: string) =>
  owner.query(`UPDATE gateway.idempotency_keys SET created_at = now() - $3::interval WHERE tenant_id = $1 AND key = $2`, [tenantId, key, by]);

describe('Idempotency-Key', () => {
  it('answers 409 while the first request holds the key, and lets a retry take over a claim its gateway abandoned', async () => {
    const t = await tenant('idem-abandoned');
    // A claim with no answer yet: what a gateway leaves when it stops mid-request.
    const hash = IdempotencyStore.requestHash('POST', '/v1/programs', JSON.stringify(program('A')));
    await owner.query(
      `INSERT INTO gateway.idempotency_keys (tenant_id, key, api_key_id, request_hash)
       SELECT $1, 'k-1', id, $2 FROM gateway.api_keys WHERE tenant_id = $1`,
      [t.id, hash],
    );
    const busy = await t.post(program('A'), 'k-1');
    expect(busy.statusCode).toBe(409);
    expect(busy.headers['content-type']).toContain('application/problem+json');
    expect(await t.programs()).toEqual([]);

    await age(t.id, 'k-1', '11 minutes');
    const taken = await t.post(program('A'), 'k-1');
    expect(taken.statusCode).toBe(201);
    const replay = await t.post(program('A'), 'k-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(taken.json().id);
    expect((await t.programs()).map((p) => p.name)).toEqual(['A']);
  });

  it('keeps an answer for 24 hours: within them a different body is a 422, after them the key is new again', async () => {
    const t = await tenant('idem-expiry');
    expect((await t.post(program('First'), 'k-2')).statusCode).toBe(201);
    await age(t.id, 'k-2', '23 hours');
    const reused = await t.post(program('Second'), 'k-2');
    expect(reused.statusCode).toBe(422);
    await age(t.id, 'k-2', '25 hours');
    const fresh = await t.post(program('Second'), 'k-2');
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect((await t.programs()).map((p) => p.name).sort()).toEqual(['First', 'Second']);
  });

  it('keeps tenants’ keys apart: the same key in another tenant runs its own request', async () => {
    const a = await tenant('idem-a');
    const b = await tenant('idem-b');
    const first = await a.post(program('Of A'), 'shared-key');
    const second = await b.post(program('Of B'), 'shared-key');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect((await b.programs()).map((p) => p.name)).toEqual(['Of B']);
    expect((await a.programs()).map((p) => p.name)).toEqual(['Of A']);
  });

  it('replays an answer only to the API key that made the request: another key of the tenant gets 422, not the answer', async () => {
    const t = await tenant('idem-keys');
    const first = await t.post(program('Admin only'), 'k-3');
    expect(first.statusCode).toBe(201);
    // Another admin key: 422; a participant key may not create programs at all: 403. Neither sees the answer.
    for (const [other, status] of [[await t.newKey('admin'), 422], [await t.newKey('participant'), 403]] as const) {
      const replay = await t.postAs(program('Admin only'), 'k-3', other);
      expect(replay.statusCode).toBe(status);
      expect(replay.headers['content-type']).toContain('application/problem+json');
      expect(replay.body).not.toContain(first.json().id);
    }
    expect((await t.post(program('Admin only'), 'k-3')).headers['idempotent-replayed']).toBe('true');
    expect((await t.programs()).map((p) => p.name)).toEqual(['Admin only']);
  });

  it('answers a retry after its gateway died mid-request with the answer of the write that committed, once', async () => {
    const t = await tenant('idem-crash');
    const body = program('Once');
    const hash = IdempotencyStore.requestHash('POST', '/v1/programs', JSON.stringify(body));
    const keyId = (await owner.query<{ id: string }>(`SELECT id FROM gateway.api_keys WHERE tenant_id = $1`, [t.id])).rows[0]!.id;
    // The gateway claimed the key and forwarded the request; the service committed it; the gateway died before keeping the answer.
    await owner.query(
      `INSERT INTO gateway.idempotency_keys (tenant_id, key, api_key_id, request_hash, created_at, first_claimed_at)
       VALUES ($1, 'k-crash', $2, $3, now() - interval '11 minutes', now() - interval '11 minutes')`,
      [t.id, keyId, hash],
    );
    const since = (await owner.query<{ at: Date }>(`SELECT first_claimed_at AS at FROM gateway.idempotency_keys WHERE key = 'k-crash'`)).rows[0]!.at.toISOString();
    const context = signTenantContext({ tenantId: t.id, role: 'admin', keyId, idempotency: { key: keyScope(keyId, 'k-crash'), hash, since } }, TEST_SECRET);
    const committed = await fetch(`${enrollment.url}/v1/programs`, {
      method: 'POST', headers: { [TENANT_CONTEXT_HEADER]: context, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect(committed.status).toBe(201);
    const created = (await committed.json()) as { id: string };
    const retry = await t.post(body, 'k-crash');
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(created.id);
    expect((await t.programs()).map((p) => p.name)).toEqual(['Once']);
    // The same key for another request is still refused by the service that kept it.
    const other = await fetch(`${enrollment.url}/v1/programs`, {
      method: 'POST', headers: { [TENANT_CONTEXT_HEADER]: signTenantContext({ tenantId: t.id, role: 'admin', keyId, idempotency: { key: keyScope(keyId, 'k-crash'), hash: 'other', since } }, TEST_SECRET), 'content-type': 'application/json' },
      body: JSON.stringify(program('Twice')),
    });
    expect(other.status).toBe(422);
  });
});
