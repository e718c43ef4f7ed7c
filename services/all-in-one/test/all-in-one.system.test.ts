import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { createDeps, createLogger, startMetricsServer, startTelemetry, stopTelemetry, type Sql } from '@tandem/platform';
import { eventually } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../src/platform';
import { Api, expectStatus } from './api-client';
import { contractCheck } from './contract';
import { edgeSuite } from './edge';
import { generatedSuites } from './generated-suites';
import { lifecycleSuite, setUpMatchedProgram } from './lifecycle';

// The all-in-one mode as `pnpm start` runs it: embedded PostgreSQL, in-memory bus and cache.
const spans = new InMemorySpanExporter();
const operatorKey = 'tdm_op_system-test-operator-key-000000';
let platform: RunningPlatform;
let closeDeps: () => Promise<void>;
let database: Sql;

beforeAll(async () => {
  startTelemetry({ serviceName: 'tandem-all-in-one-test', spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] });
  const deps = await createDeps({ KAFKA_NAMESPACE: '' }, createLogger('all-in-one', 'silent'), 'system-test');
  expect([deps.driver.kind, deps.bus.kind, deps.cache.kind]).toEqual(['embedded', 'memory', 'memory']);
  closeDeps = deps.close;
  database = deps.driver;
  platform = await startPlatform({ deps, operatorKey, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await platform?.close();
  await closeDeps?.();
  await stopTelemetry();
});

lifecycleSuite('all-in-one', () => ({ url: platform.url, operatorKey }));
generatedSuites('all-in-one', () => ({ url: platform.url, operatorKey, sql: database }));
edgeSuite('all-in-one', () => ({ url: platform.url, operatorKey }));
contractCheck('all-in-one');

describe('tracing (all-in-one)', () => {
  it('puts the gateway request that accepts a match and the services reacting to it in one trace', async () => {
    const { admin, run } = await setUpMatchedProgram(new Api(platform.url), operatorKey, 'tracing');
    const matchId = run.matches[0].id as string;
    spans.reset();
    await expectStatus(admin.post(`/v1/matches/${matchId}/accept`), 200);
    const gatewaySpan = spans.getFinishedSpans().find(
      (s) => s.attributes['tandem.service'] === 'gateway' && s.name === 'POST /v1/matches/:id/accept',
    );
    expect(gatewaySpan).toBeDefined();
    const traceId = gatewaySpan!.spanContext().traceId;
    const inTrace = await eventually(async () => {
      const found = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      const services = new Set(found.map((s) => s.attributes['tandem.service']));
      return ['gateway', 'matching', 'scheduling', 'analytics'].every((s) => services.has(s)) ? found : false;
    }, 15_000);
    const consumer = inTrace.find((s) => s.name === 'scheduling consume matching.match.accepted');
    expect(consumer).toBeDefined();
    expect(inTrace.find((s) => s.attributes['tandem.service'] === 'matching' && s.name.startsWith('POST'))).toBeDefined();
  });
});

describe('metrics (all-in-one)', () => {
  /** Sum of a metric's samples whose labels include all of `labels`. */
  const sample = (text: string, name: string, labels: Record<string, string> = {}) => text.split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

  it('serves Prometheus metrics of requests, events, the outbox, matching runs and the dashboard cache', async () => {
    const api = new Api(platform.url);
    const { admin, program } = await setUpMatchedProgram(api, operatorKey, 'metrics');
    await expectStatus(admin.get(`/v1/programs/${program.id}/dashboard`), 200);
    await expectStatus(admin.get(`/v1/programs/${program.id}/dashboard`), 200);
    // Never on the public port: only on the metrics port of the process.
    expect((await fetch(`${platform.url}/metrics`)).status).toBe(404);
    const metricsServer = await startMetricsServer('127.0.0.1', 0, createLogger('metrics', 'silent'));
    const scrape = await fetch(`${metricsServer.url}/metrics`).finally(() => metricsServer.close());
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    expect(sample(text, 'http_server_request_duration_seconds_count', { service: 'gateway', http_route: '/v1/programs', http_request_method: 'POST' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_server_request_duration_seconds_count', { service: 'enrollment', http_response_status_code: '201' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tandem_consumer_events_total', { consumer: 'scheduling', outcome: 'handled' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tandem_outbox_published_total', { service: 'enrollment' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^tandem_outbox_backlog\{[^}]*service="matching"[^}]*\} \d+/m);
    expect(sample(text, 'tandem_matching_run_duration_seconds_count', { format: 'mentoring' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tandem_dashboard_cache_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tandem_dashboard_cache_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^tandem_consumer_lag\{[^}]*consumer="scheduling"[^}]*\} \d+/m);
    expect(sample(text, 'tandem_matching_engine_runs_total', { operation: 'match', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^tandem_matching_engine_queue_tasks \d+/m);
    // Runtime health of the process, and nothing about the host or its command line.
    expect(sample(text, 'nodejs_heap_used_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_delay_seconds\{quantile="0.99"\} [\d.e-]+/m);
    expect(text).toMatch(/^nodejs_gc_duration_seconds_count\{/m);
    const targetInfo = text.split('\n').filter((line) => line.startsWith('target_info'));
    expect(targetInfo.join('\n')).not.toMatch(/host|process_command|process_executable|process_pid/);
  });
});

describe('gateway (all-in-one)', () => {
  it('serves every route of its OpenAPI document from the service that owns it', async () => {
    const api = new Api(platform.url);
    const tenant = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'Routes', slug: 'routes' }), 201);
    const admin = api.as(tenant.adminApiKey);
    const document = await expectStatus(api.get('/v1/openapi.json'), 200);
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
    expect(operations.length).toBeGreaterThan(30);
    for (const { method, path } of operations) {
      const concrete = path.replace(/\{[^}]+\}/g, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
      const r = await admin.request(method, concrete, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(r.status, `${method} ${path}`).not.toBe(500);
      if (r.status === 404) expect(r.body.type, `${method} ${path}`).not.toMatch(/no-route$/);
    }
  });

  it('limits each tenant separately with 429 problem+json', async () => {
    const deps = await createDeps({ KAFKA_NAMESPACE: '' }, createLogger('rate-limit', 'silent'), 'rate-limit');
    const limited = await startPlatform({ deps, operatorKey, host: '127.0.0.1', port: 0, env: { ...process.env, RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const api = new Api(limited.url);
      const a = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'A', slug: 'rate-a' }), 201);
      const b = await expectStatus(api.as(operatorKey).post('/v1/tenants', { name: 'B', slug: 'rate-b' }), 201);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await api.as(a.adminApiKey).get('/v1/programs')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const over = await api.as(a.adminApiKey).get('/v1/programs');
      expect(over.headers.get('content-type')).toContain('application/problem+json');
      expect(over.body.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api.as(b.adminApiKey).get('/v1/programs')).status).toBe(200);
    } finally {
      await limited.close();
      await deps.close();
    }
  });
});
