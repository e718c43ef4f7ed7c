import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { eventually } from '@tandem/platform/testing';
import { Api, expectStatus } from '../test/api-client';
import { enrollmentBody, programBody } from '../test/lifecycle';
import { startPrivateCluster } from '../test/private-cluster';

/**
 * Many tenants at once on the local cluster (its own PostgreSQL, Kafka and Redis): every
 * connection loops over a mix of writes (enroll someone, approve them) and reads (the program,
 * its enrollments, the enrollment, the dashboard), each loop for the next tenant in turn, through
 * the gateway with the tenants' own API keys.
 * Usage: pnpm exec tsx services/all-in-one/bench/tenant-load.ts [seconds=60] [tenants=50] [connections=50]
 */
const seconds = Number(process.argv[2] ?? 60);
const tenantCount = Number(process.argv[3] ?? 50);
const connections = Number(process.argv[4] ?? 50);

const pc = await startPrivateCluster();
try {
  const api = new Api(pc.cluster.url);
  const tenants: { key: string; programId: string }[] = [];
  for (let i = 0; i < tenantCount; i += 1) {
    const tenant = await expectStatus(api.as(pc.operatorKey).post('/v1/tenants', { name: `Load ${i}`, slug: `load-${i}` }), 201);
    const admin = api.as(tenant.adminApiKey);
    const program = await expectStatus(admin.post('/v1/programs', programBody), 201);
    await expectStatus(admin.post(`/v1/programs/${program.id}/open`), 200);
    tenants.push({ key: tenant.adminApiKey, programId: program.id });
  }
  // A new program's dashboard exists once analytics has its event: wait for all of them first.
  for (const t of tenants) {
    await eventually(async () => (await api.as(t.key).get(`/v1/programs/${t.programId}/dashboard`)).status === 200, 60_000, 200);
  }

  let loops = 0;
  interface Context { tenant?: { key: string; programId: string }; enrollmentId?: string }
  const as = (context: Context) => ({ authorization: `Bearer ${context.tenant!.key}`, 'content-type': 'application/json' });
  const request = (
    method: 'GET' | 'POST',
    path: (context: Context) => string,
    extra: { body?: (context: Context) => string; onResponse?: (status: number, body: string, context: Context) => void } = {},
  ): autocannon.Request => ({
    method,
    setupRequest: (req, context: Context) => ({
      ...req, path: path(context), headers: as(context), ...(extra.body ? { body: extra.body(context) } : {}),
    }),
    ...(extra.onResponse ? { onResponse: extra.onResponse as autocannon.Request['onResponse'] } : {}),
  });

  const result = await autocannon({
    url: pc.cluster.url,
    connections,
    duration: seconds,
    requests: [
      {
        // Each loop starts with the next tenant, so the load spreads over all of them.
        method: 'POST',
        setupRequest: (req, context: Context) => {
          const n = loops++;
          context.tenant = tenants[n % tenants.length]!;
          const body = { ...enrollmentBody(n, 'mentee'), participant: { ...enrollmentBody(n, 'mentee').participant, email: `load-${n}@example.org` } };
          return { ...req, path: `/v1/programs/${context.tenant.programId}/enrollments`, headers: as(context), body: JSON.stringify(body) };
        },
        onResponse: (status: number, body: string, context: Context) => {
          if (status === 201) context.enrollmentId = (JSON.parse(body) as { id: string }).id;
        },
      },
      request('POST', (c) => `/v1/enrollments/${c.enrollmentId}/approve`),
      request('GET', (c) => `/v1/programs/${c.tenant!.programId}/dashboard`),
      request('GET', (c) => `/v1/programs/${c.tenant!.programId}`),
      request('GET', (c) => `/v1/programs/${c.tenant!.programId}/enrollments?limit=20`),
      request('GET', (c) => `/v1/enrollments/${c.enrollmentId}`),
    ],
  });

  console.log(`\n${seconds} s, ${tenantCount} tenants, ${connections} connections; per loop 2 writes (enroll, approve) and 4 reads`);
  // The machine's other work competes for the same cores: its load is part of the figure.
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`);
  console.table([{
    requests: result.requests.total,
    'requests/s': Math.round(result.requests.average),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
  }]);
  console.log('status codes:', JSON.stringify(result.statusCodeStats));
} finally {
  await pc.close();
}
