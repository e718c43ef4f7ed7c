import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freshTestDatabase, testRedisUrl } from '@tandem/platform/testing';
import { startCluster, type RunningCluster } from '../src/cluster';
import { Api, expectStatus } from '../test/api-client';
import { enrollmentBody, programBody } from '../test/lifecycle';

/** A local cluster on its own database and Kafka namespace, for the benchmarks. */
export async function benchCluster(name: string): Promise<{ cluster: RunningCluster; operatorKey: string; internalSecret: string }> {
  execFileSync('bash', [fileURLToPath(new URL('../../../infra/kafka/broker.sh', import.meta.url)), 'start'], { stdio: 'inherit' });
  const operatorKey = `tdm_op_${randomBytes(18).toString('base64url')}`;
  const internalSecret = randomBytes(18).toString('base64url');
  const cluster = await startCluster({
    databaseUrl: await freshTestDatabase(`bench_${name}`),
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    kafkaNamespace: `bench-${name}-${Date.now()}`,
    redisUrl: testRedisUrl(),
    operatorKey,
    internalSecret,
    basePort: 28080,
    logLevel: 'error',
  });
  return { cluster, operatorKey, internalSecret };
}

/** A tenant with a running mentoring program of `mentees` mentees and as many mentors (capacity 1), approved. */
export async function programWithApprovedPool(api: Api, operatorKey: string, mentees: number) {
  const tenant = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'Bench', slug: `bench-${Date.now()}` }), 201);
  const admin = api.as(tenant.adminApiKey);
  const program = await expectStatus(admin.post('/v1/programs', programBody), 201);
  await expectStatus(admin.post(`/v1/programs/${program.id}/open`), 200);
  const rows = Array.from({ length: 2 * mentees }, (_, i) => ({ ...enrollmentBody(i, i < mentees ? 'mentor' : 'mentee'), capacity: 1 }));
  const imported = await expectStatus(admin.post(`/v1/programs/${program.id}/enrollments/import`, rows), 200);
  if (imported.created !== rows.length) throw new Error(`import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = await expectStatus(
      admin.get(`/v1/programs/${program.id}/enrollments?limit=200${cursor ? `&cursor=${cursor}` : ''}`), 200);
    for (const e of page.items) await expectStatus(admin.post(`/v1/enrollments/${e.id}/approve`), 200);
    cursor = page.nextCursor;
  } while (cursor);
  await expectStatus(admin.post(`/v1/programs/${program.id}/start`), 200);
  return { tenant, admin, program };
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
