import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { createDeps, createLogger, startTelemetry, stopTelemetry } from '@tandem/platform';
import { eventually } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../src/platform';
import { Api, expectStatus } from './api-client';
import { lifecycleSuite, setUpMatchedProgram } from './lifecycle';

// The all-in-one mode as `pnpm start` runs it: embedded PostgreSQL, in-memory bus and cache.
const spans = new InMemorySpanExporter();
const operatorKey = 'tdm_op_system-test-operator-key-000000';
let platform: RunningPlatform;
let closeDeps: () => Promise<void>;

beforeAll(async () => {
  startTelemetry({ serviceName: 'tandem-all-in-one-test', spanProcessors: [new SimpleSpanProcessor(spans)] });
  const deps = await createDeps({ LOG_LEVEL: 'silent', KAFKA_NAMESPACE: '' }, createLogger('all-in-one', 'silent'), 'system-test');
  expect([deps.driver.kind, deps.bus.kind, deps.cache.kind]).toEqual(['embedded', 'memory', 'memory']);
  closeDeps = deps.close;
  platform = await startPlatform({ deps, operatorKey, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await platform?.close();
  await closeDeps?.();
  await stopTelemetry();
});

lifecycleSuite('all-in-one', () => ({ url: platform.url, operatorKey }));

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
