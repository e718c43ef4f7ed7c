import { connect } from 'node:net';
import { eventually } from '@tandem/platform/testing';
import { describe, expect, it } from 'vitest';
import { Api, expectStatus } from './api-client';
import { enrollmentBody, programBody, setUpMatchedProgram, type PlatformUnderTest } from './lifecycle';

/** Sends raw bytes to the gateway and reads the whole answer: for requests no HTTP client would send. */
function raw(url: string, request: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
    setTimeout(() => socket.end(), 2000);
  });
}

const problemType = (body: { type?: string }) => body.type?.replace('https://tandem.dev/problems/', '');

/** The hardened edge: each finding of the outside review, through the public API. */
export function edgeSuite(mode: string, platform: () => PlatformUnderTest): void {
  describe(`the public edge (${mode})`, () => {
    it('answers an absolute-form request line through the same auth as any other, never a 500', async () => {
      const { url, operatorKey } = platform();
      const host = new URL(url).host;
      const anonymous = await raw(url, `GET http://${host}/v1/programs HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect([401, 404]).toContain(anonymous.status);
      expect(anonymous.headers).toContain('application/problem+json');
      const tenant = await expectStatus(new Api(url, operatorKey).post('/v1/tenants', { name: 'Absolute', slug: `absolute-${mode}` }), 201);
      const keyed = await raw(url, `GET http://${host}/v1/programs HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${tenant.adminApiKey}\r\nConnection: close\r\n\r\n`);
      expect(keyed.status).toBeLessThan(500);
    });

    it('answers framework and parser errors as problem+json of our own types', async () => {
      const { url, operatorKey } = platform();
      const tenant = await expectStatus(new Api(url, operatorKey).post('/v1/tenants', { name: 'Edge', slug: `edge-${mode}` }), 201);
      const admin = new Api(url, tenant.adminApiKey);
      const long = await admin.get(`/v1/programs/${'a'.repeat(150)}`);
      expect([400, 414]).toContain(long.status);
      expect(long.headers.get('content-type')).toContain('application/problem+json');
      const media = await admin.request('POST', '/v1/programs', 'name=x', { 'content-type': 'text/plain' });
      expect(media.status).toBe(415);
      expect(problemType(media.body)).toBe('unsupported-media-type');
      const host = new URL(url).host;
      const smuggled = await raw(url, `POST /v1/programs HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n`);
      expect(smuggled.status).toBe(400);
      expect(smuggled.headers).toContain('application/problem+json');
      expect(JSON.parse(smuggled.body).status).toBe(400);
    });

    it('refuses NUL, lone surrogates, deep bodies and impossible dates with a 400 naming the field, and writes nothing', async () => {
      const { url, operatorKey } = platform();
      const tenant = await expectStatus(new Api(url, operatorKey).post('/v1/tenants', { name: 'Input', slug: `input-${mode}` }), 201);
      const admin = new Api(url, tenant.adminApiKey);
      const cases: [unknown, string][] = [
        [{ ...programBody, name: 'a\u0000b' }, 'name'],
        [{ ...programBody, objectives: ['fine', 'x\ud800'] }, 'objectives.1'],
        [{ ...programBody, startsAt: '0000-01-01T00:00:00Z' }, 'startsAt'],
        [{ ...programBody, endsAt: '9999-12-31T23:59:59Z' }, 'endsAt'],
      ];
      for (const [body, field] of cases) {
        const r = await admin.post('/v1/programs', body);
        expect(r.status, field).toBe(400);
        expect(r.body.errors.map((e: { path: string }) => e.path), field).toContain(field);
      }
      const deep = await admin.post('/v1/programs', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      expect(deep.status).toBe(400);
      expect(problemType(deep.body)).toBe('too-deep');
      expect((await admin.get('/v1/programs')).body.items).toEqual([]);
    });

    it('checks every imported row before writing any, and never answers 5xx after a partial write', async () => {
      const { url, operatorKey } = platform();
      const tenant = await expectStatus(new Api(url, operatorKey).post('/v1/tenants', { name: 'Import', slug: `import-${mode}` }), 201);
      const admin = new Api(url, tenant.adminApiKey);
      const program = await expectStatus(admin.post('/v1/programs', programBody), 201);
      await expectStatus(admin.post(`/v1/programs/${program.id}/open`), 200);
      const rows = [enrollmentBody(1, 'mentor'), enrollmentBody(2, 'mentee'), { ...enrollmentBody(3, 'mentee'), goals: ['a\u0000b'] }];
      const withNul = await admin.post(`/v1/programs/${program.id}/enrollments/import`, rows);
      expect(withNul.status).toBe(400);
      expect(withNul.body.errors[0].path).toBe('2.goals.0');
      expect((await admin.get(`/v1/programs/${program.id}/enrollments`)).body.items).toEqual([]);
      const mixed = await admin.post(`/v1/programs/${program.id}/enrollments/import`, [rows[0], { ...rows[1], capacity: 0 }]);
      expect(mixed.status).toBe(200);
      expect(mixed.body).toEqual({ created: 1, errors: [{ row: 2, field: 'capacity', message: expect.any(String) }] });
    });

    it('passes Location on a 202 and names the trace of every answer in traceparent', async () => {
      const { url, operatorKey } = platform();
      const { admin, program } = await setUpMatchedProgram(new Api(url), operatorKey, `background-${mode}`);
      const started = await admin.post(`/v1/programs/${program.id}/matching-runs`, { dryRun: true, background: true });
      expect(started.status).toBe(202);
      expect(started.headers.get('location')).toBe(`/v1/matching-runs/${started.body.id}`);
      expect(started.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
      const done = await eventually(async () => {
        const r = await admin.get(started.headers.get('location')!);
        return r.body.status === 'completed' ? r : undefined;
      }, 30_000, 200);
      expect(done.body.unmatched).toEqual(expect.any(Array));
      const error = await new Api(url).get('/v1/programs');
      expect(error.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-/);
    });

    it('limits requests with a missing or invalid key per client address, then answers 429 with Retry-After', async () => {
      const { url } = platform();
      const stranger = new Api(url, 'tdm_not-a-key-of-anybody-at-all');
      const statuses: number[] = [];
      for (let i = 0; i < 70; i += 1) statuses.push((await stranger.get('/v1/programs')).status);
      // Earlier tests of this file may have spent a few of the 60 (AUTH_FAILURES_PER_MINUTE).
      expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      const limited = await stranger.get('/v1/programs');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
    });
  });
}
