import { endpointList, type AnyEndpoint, type ResourceKind } from '@tandem/contracts';
import type { Sql } from '@tandem/platform';
import { eventually } from '@tandem/platform/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Api, expectStatus, type ApiResponse } from './api-client';
import { setUpMatchedProgram } from './lifecycle';

/**
 * Two suites generated from the endpoint registry, so a new endpoint is probed without a new test:
 * isolation (another tenant's ids answer exactly like missing ones; a participant reaches only
 * their own things) and bad input (mutations of every body and query field, and random bodies:
 * never a 5xx, every error a problem, nothing written after a rejection).
 */
export interface SuiteTarget {
  url: string;
  operatorKey: string;
  /** The platform's database, read as its owner. */
  sql: Sql;
}

/** Resources a participant owns (or is a member of): another person's answer exactly like a missing one. */
const personal: readonly ResourceKind[] = ['enrollment', 'participant', 'match', 'session', 'survey-assignment'];
const missingId = () => `0190a1b2-c3d4-7e5f-8a9b-${Math.floor(Math.random() * 0xffffffffffff).toString(16).padStart(12, '0')}`;

interface Fixture {
  adminA: Api;
  adminB: Api;
  /** Two participants of tenant A, in different matches. */
  p1: Api;
  ids: Record<ResourceKind, string>;
  /** P2's own things, for P1 to try. */
  p2: Partial<Record<ResourceKind, string>>;
}

async function fixture(target: SuiteTarget, mode: string): Promise<Fixture> {
  const api = new Api(target.url);
  const a = await setUpMatchedProgram(api, target.operatorKey, `gen-a-${mode}`);
  const b = await expectStatus(api.as(target.operatorKey).post('/v1/tenants', { name: 'Other org', slug: `gen-b-${mode}` }), 201);
  const [m1, m2] = a.run.matches as { id: string; members: { participantId: string; role: string }[] }[];
  for (const m of [m1!, m2!]) await expectStatus(a.admin.post(`/v1/matches/${m.id}/accept`), 200);
  const mentee = (m: typeof m1) => m!.members.find((x) => x.role === 'mentee')!.participantId;
  const [p1Id, p2Id] = [mentee(m1), mentee(m2)];
  const keyOf = async (participantId: string) =>
    (await expectStatus(a.admin.post('/v1/api-keys', { name: 'participant', role: 'participant', participantId }), 201)).key as string;
  const p1Key = await keyOf(p1Id);
  const apiKey = (await expectStatus(a.admin.post('/v1/api-keys', { name: 'spare', role: 'admin' }), 201)).id as string;
  const session = await eventually(async () => (await a.admin.get(`/v1/matches/${m2!.id}/sessions`)).body?.items?.[0]?.id as string | undefined, 20_000);
  const assignment = await eventually(async () =>
    (await a.admin.get(`/v1/programs/${a.program.id}/survey-assignments?participantId=${p2Id}`)).body?.items?.[0]?.id as string | undefined, 20_000);
  const enrollment = a.enrollments.find((e) => e.participantId === p2Id)!.id;
  const ids: Record<ResourceKind, string> = {
    tenant: a.tenant.id, 'api-key': apiKey, program: a.program.id, enrollment, participant: p2Id, 'matching-run': a.run.id,
    match: m2!.id, session, 'survey-assignment': assignment,
  };
  return {
    adminA: a.admin, adminB: api.as(b.adminApiKey), p1: api.as(p1Key), ids,
    p2: { enrollment, participant: p2Id, match: m2!.id, session, 'survey-assignment': assignment },
  };
}

const pathWith = (e: AnyEndpoint, idOf: (name: string, kind: ResourceKind) => string) =>
  e.path.replace(/\{([^}]+)\}/g, (_, name: string) => idOf(name, e.resources?.[name] ?? 'program'));

const send = (api: Api, e: AnyEndpoint, path: string, body: unknown = e.example) =>
  api.request(e.method, path, e.method === 'GET' || e.method === 'DELETE' ? undefined : body);

/** What may differ between two answers that reveal the same: nothing but per-request headers. */
const comparable = (r: ApiResponse) => ({ status: r.status, body: r.body });

export function generatedSuites(mode: string, target: () => SuiteTarget): void {
  describe(`generated from the endpoint registry (${mode})`, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await fixture(target(), mode);
    }, 120_000);

    it('isolation: another tenant’s ids answer exactly like missing ones, and a participant reaches only their own things', async () => {
      const withIds = endpointList.filter((e) => e.params && !e.roles.includes('operator') && !e.roles.includes('public'));
      const failures: string[] = [];
      let requests = 0;
      const before = await settledFingerprint(target().sql);
      for (const e of withIds) {
        // Tenant B's admin, with A's ids and with ids nobody has.
        const other = await send(f.adminB, e, pathWith(e, (_n, kind) => f.ids[kind]));
        const missing = await send(f.adminB, e, pathWith(e, () => missingId()));
        requests += 2;
        if (JSON.stringify(comparable(other)) !== JSON.stringify(comparable(missing)) || other.status < 400) {
          failures.push(`${e.method} ${e.path} as another tenant: ${other.status} ${JSON.stringify(other.body)} vs missing ${missing.status}`);
        }
        // Participant P1 of tenant A, with P2's own things and with missing ones (the rest stays A's).
        const names = Object.entries(e.resources ?? {}).filter(([, kind]) => personal.includes(kind));
        if (names.length === 0) continue;
        const theirs = await send(f.p1, e, pathWith(e, (n, kind) => (names.some(([x]) => x === n) ? f.p2[kind] ?? f.ids[kind] : f.ids[kind])));
        const nobodys = await send(f.p1, e, pathWith(e, (n, kind) => (names.some(([x]) => x === n) ? missingId() : f.ids[kind])));
        requests += 2;
        if (JSON.stringify(comparable(theirs)) !== JSON.stringify(comparable(nobodys)) || theirs.status < 400) {
          failures.push(`${e.method} ${e.path} as another participant: ${theirs.status} ${JSON.stringify(theirs.body)} vs missing ${nobodys.status}`);
        }
      }
      const after = await dataFingerprint(target().sql);
      console.log(`isolation suite (${mode}): ${withIds.length} endpoints, ${requests} requests, ${failures.length} failures`);
      expect(failures).toEqual([]);
      expect(after, 'a refused request changed data').toBe(before);
    });

    it('bad input: mutated and random bodies and queries never reach a 5xx, always get a problem, and write nothing', async () => {
      const failures: string[] = [];
      let requests = 0;
      let rejected = 0;
      for (const e of endpointList.filter((x) => !x.roles.includes('public'))) {
        const caller = e.roles.includes('operator') ? new Api(target().url, target().operatorKey) : f.adminA;
        const path = pathWith(e, (_n, kind) => f.ids[kind]);
        let baseline = await settledFingerprint(target().sql);
        for (const { label, body, query } of mutationsOf(e)) {
          const r = query === undefined
            ? await caller.request(e.method, path, body)
            : await caller.request(e.method, `${path}?${query}`, e.method === 'GET' || e.method === 'DELETE' ? undefined : e.example);
          requests += 1;
          const where = `${e.method} ${e.path} ${label}`;
          if (r.status >= 500) failures.push(`${where}: ${r.status} ${JSON.stringify(r.body)}`);
          if (r.status >= 400) {
            rejected += 1;
            if (!r.headers.get('content-type')?.startsWith('application/problem+json')) failures.push(`${where}: not a problem`);
            const now = await dataFingerprint(target().sql);
            if (now !== baseline) failures.push(`${where}: ${r.status} but data changed`);
          } else {
            baseline = await settledFingerprint(target().sql);
          }
        }
      }
      console.log(`bad-input suite (${mode}): ${requests} requests, ${rejected} rejected, ${failures.length} failures`);
      expect(failures).toEqual([]);
    }, 600_000);
  });
}

const NUL = 'a\u0000b';
const LONE = 'x\ud800y';
const MEGABYTE = 'x'.repeat(1024 * 1024);
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

interface Mutation { label: string; body?: unknown; query?: string }

/** For every body field and query parameter: wrong type, null, NUL, lone surrogate, huge values, dates out of range, unknown fields. */
function mutationsOf(e: AnyEndpoint): Mutation[] {
  const out: Mutation[] = [];
  const base = (e.example ?? {}) as Record<string, unknown>;
  const takesBody = e.method !== 'GET' && e.method !== 'DELETE';
  if (takesBody) {
    const fields = e.body instanceof z.ZodObject ? Object.keys(e.body.shape) : [];
    const isObject = !Array.isArray(base);
    for (const field of fields) {
      for (const [label, value] of [
        ['wrong type', typeof base[field] === 'number' ? 'seven' : 7], ['null', null], ['NUL', NUL], ['lone surrogate', LONE],
        ['1 MB string', MEGABYTE], ['huge array', Array.from({ length: 20_000 }, () => 'x')], ['nested deep', JSON.parse(deep(30))],
        ['year 0000', '0000-01-01T00:00:00Z'], ['year 9999', '9999-12-31T23:59:59Z'], ['NUL in a key', { [NUL]: 1 }],
      ] as const) {
        if (isObject) out.push({ label: `${field}: ${label}`, body: { ...base, [field]: value } });
      }
    }
    out.push(
      { label: 'unknown field', body: Array.isArray(base) ? [...base, { surprise: true }] : { ...base, surprise: true } },
      { label: 'array body', body: [base] },
      { label: 'string body', body: '"just a string"' },
      { label: 'nested 100,000 deep', body: deep(100_000) },
      { label: 'malformed JSON', body: '{"a": ' },
      { label: 'lone surrogate escaped', body: '{"name": "\\ud800"}' },
      { label: 'NUL escaped', body: '{"name": "a\\u0000b"}' },
    );
    // Random JSON values as bodies, reproducible per endpoint.
    for (const value of fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 15, seed: hash(e.operationId) })) {
      out.push({ label: 'random body', body: value === undefined ? null : value });
    }
  }
  const queryFields = e.query ? Object.keys(e.query.shape) : [];
  for (const q of queryFields) {
    for (const [label, value] of [
      ['wrong type', 'seven'], ['NUL', '%00'], ['invalid UTF-8', '%ED%A0%80'], ['long', 'x'.repeat(5000)], ['negative', '-1'],
      ['huge', '1e309'], ['repeated', `1&${q}=2`],
    ] as const) out.push({ label: `?${q}: ${label}`, query: `${q}=${value}` });
  }
  out.push({ label: '?unknown', query: 'surprise=1' });
  return out;
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

/** Every row of every service's schema, summarised: row counts, and the newest row version of data tables. */
export async function dataFingerprint(sql: Sql): Promise<string> {
  const tables = await sql.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema IN ('gateway', 'enrollment', 'matching', 'scheduling', 'surveys', 'analytics')
     ORDER BY 1, 2`,
  );
  // The relay marks outbox rows published after the fact, and consumers add inbox rows: only their counts matter.
  const query = tables.rows.map(({ table_schema: s, table_name: t }) =>
    `SELECT '${s}.${t}' AS t, count(*)::text${['outbox', 'inbox'].includes(t) ? '' : ` || ':' || coalesce(max(xmin::text::bigint), 0)::text`} AS v FROM ${s}.${t}`,
  ).join(' UNION ALL ');
  const r = await sql.query<{ t: string; v: string }>(query);
  return r.rows.map((x) => `${x.t}=${x.v}`).sort().join(',');
}

/** The fingerprint once what earlier requests set off (events, projections) has settled. */
export async function settledFingerprint(sql: Sql): Promise<string> {
  let last = await dataFingerprint(sql);
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await dataFingerprint(sql);
    if (now === last) return now;
    last = now;
  }
}
