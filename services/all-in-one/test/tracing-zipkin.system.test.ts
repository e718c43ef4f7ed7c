import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from '@tandem/platform';
import { eventually, freshTestDatabase, testRedisUrl } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../src/cluster';
import { Api, expectStatus } from './api-client';
import { setUpMatchedProgram } from './lifecycle';

// The local cluster exporting its spans to a real Zipkin server (infra/zipkin/zipkin.sh), read
// back through Zipkin's HTTP API as an operator would.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const zipkinScript = `${root}infra/zipkin/zipkin.sh`;
const zipkin = `http://127.0.0.1:${process.env.ZIPKIN_PORT ?? '9411'}`;
const operatorKey = 'tdm_op_zipkin-test-operator-key-00000000';
let cluster: RunningCluster | undefined;
let startedZipkin = false;

interface ZipkinSpan {
  traceId: string;
  id: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

const zipkinStatus = () => {
  try {
    execFileSync('bash', [zipkinScript, 'status'], { stdio: 'ignore' });
    return 0;
  } catch (error) {
    return (error as { status?: number }).status ?? 1;
  }
};

beforeAll(async () => {
  if (zipkinStatus() !== 0) {
    execFileSync('bash', [zipkinScript, 'start'], { stdio: 'inherit', timeout: 170_000 });
    startedZipkin = true;
  }
  // The cluster's processes inherit this environment.
  Object.assign(process.env, {
    OTEL_TRACES_EXPORTER: 'zipkin',
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${zipkin}/api/v2/spans`,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  });
  cluster = await startCluster({
    databaseUrl: await freshTestDatabase('zipkin'),
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    kafkaNamespace: `zipkin-${uuidv7().slice(-12)}`,
    redisUrl: testRedisUrl(),
    operatorKey,
    internalSecret: 'zipkin-test-internal-secret',
    basePort: 0,
    logLevel: 'warn',
  });
}, 180_000);

afterAll(async () => {
  await cluster?.close();
  for (const name of ['OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_ZIPKIN_ENDPOINT', 'OTEL_BSP_SCHEDULE_DELAY']) delete process.env[name];
  if (startedZipkin) execFileSync('bash', [zipkinScript, 'stop'], { stdio: 'inherit' });
});

const zipkinJson = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${zipkin}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};

describe('tracing into Zipkin (cluster)', () => {
  it('shows one trace for an accepted match: gateway, services, database and Kafka spans', async () => {
    const { tenant, admin, run } = await setUpMatchedProgram(new Api(cluster!.url), operatorKey, 'zipkin');
    const matchId = run.matches[0].id as string;
    const since = Date.now();
    await expectStatus(admin.post(`/v1/matches/${matchId}/accept`), 200);

    const trace = await eventually(async () => {
      const lookback = Date.now() - since + 60_000;
      const traces = await zipkinJson<ZipkinSpan[][]>(`/api/v2/traces?serviceName=tandem-gateway&lookback=${lookback}&limit=50`);
      const accepted = traces.find((spans) => spans.some((s) => s.kind === 'SERVER' && /accept/.test(s.name ?? '')));
      if (!accepted) return false;
      // Spans arrive from each process on its own schedule: wait for the consumers' side too.
      const full = await zipkinJson<ZipkinSpan[]>(`/api/v2/trace/${accepted[0]!.traceId}`);
      const services = new Set(full.map((s) => s.localEndpoint?.serviceName));
      const consumedBy = new Set(full.filter((s) => s.kind === 'CONSUMER' && s.tags?.['messaging.system'] === 'kafka')
        .map((s) => s.localEndpoint?.serviceName));
      return services.size >= 4 && consumedBy.has('tandem-scheduling') ? full : false;
    }, 60_000, 500);

    const services = new Set(trace.map((s) => s.localEndpoint?.serviceName));
    expect([...services]).toEqual(expect.arrayContaining(['tandem-gateway', 'tandem-matching', 'tandem-scheduling']));
    expect(services.size).toBeGreaterThanOrEqual(4);

    // The gateway's call to matching is a client span; matching's server span is its child.
    const client = trace.find((s) => s.kind === 'CLIENT' && s.localEndpoint?.serviceName === 'tandem-gateway');
    expect(client).toBeDefined();
    expect(trace.some((s) => s.kind === 'SERVER' && s.localEndpoint?.serviceName === 'tandem-matching')).toBe(true);

    // Database spans, on real PostgreSQL, carrying the tenant.
    const database = trace.filter((s) => (s.tags?.['db.system.name'] ?? s.tags?.['db.system']) === 'postgresql');
    expect(new Set(database.map((s) => s.localEndpoint?.serviceName)).size).toBeGreaterThanOrEqual(2);
    expect(database.some((s) => s.tags?.['tenant.id'] === tenant.id)).toBe(true);

    // Kafka: matching's producer span (from the outbox relay, yet in the request's trace) and the
    // consumers' process spans, both tagged with the tenant.
    const produced = trace.filter((s) => s.kind === 'PRODUCER' && s.tags?.['messaging.system'] === 'kafka');
    const consumed = trace.filter((s) => s.kind === 'CONSUMER' && s.tags?.['messaging.system'] === 'kafka');
    expect(produced.some((s) => s.localEndpoint?.serviceName === 'tandem-matching')).toBe(true);
    expect(consumed.length).toBeGreaterThanOrEqual(1);
    expect([...produced, ...consumed].every((s) => s.tags?.['tenant.id'] === tenant.id)).toBe(true);
    // The scheduling consumer's handler span and its database work hang under the Kafka process span.
    const handler = trace.find((s) => s.name === 'scheduling consume matching.match.accepted');
    expect(handler).toBeDefined();
    expect(consumed.some((s) => s.id === (handler as ZipkinSpan & { parentId?: string }).parentId)).toBe(true);
  });

  it('counts the Kafka and database work behind it in the services’ metrics', async () => {
    const metricsOf = async (service: string) => (await fetch(`${cluster!.addresses.get(service)!.metricsUrl}/metrics`)).text();
    const matching = await metricsOf('matching');
    const scheduling = await metricsOf('scheduling');
    expect(matching).toMatch(/^messaging_client_sent_messages_total\{[^}]*messaging_destination_name="zipkin-[^"]+\.tandem\.matching"[^}]*\} [1-9]/m);
    expect(scheduling).toMatch(/^messaging_process_duration_seconds_count\{[^}]*messaging_destination_name="zipkin-[^"]+\.tandem\.matching"[^}]*\} [1-9]/m);
    expect(scheduling).toMatch(/^db_client_operation_duration_seconds_count\{[^}]*db_system_name="postgresql"[^}]*\} [1-9]/m);
    expect(scheduling).not.toMatch(/^db_client_connection_count/m);
  });

  it('makes no traces of health checks, readiness checks or metrics scrapes', async () => {
    const since = Date.now();
    for (const path of ['/health', '/ready']) expect((await fetch(`${cluster!.url}${path}`)).status).toBe(200);
    expect((await fetch(`${cluster!.addresses.get('gateway')!.metricsUrl}/metrics`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const traces = await zipkinJson<ZipkinSpan[][]>(`/api/v2/traces?serviceName=tandem-gateway&lookback=${Date.now() - since + 1000}&limit=100`);
    const names = traces.flat().filter((s) => s.localEndpoint?.serviceName === 'tandem-gateway').map((s) => s.name ?? '');
    expect(names.filter((n) => /health|ready|metrics/.test(n))).toEqual([]);
  });
});
