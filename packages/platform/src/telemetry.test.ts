import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeDbPool } from './metrics';
import { exportersFromEnv, prometheusMetrics, startTelemetry, stopTelemetry, TENANT_ATTRIBUTE, tracer } from './telemetry';

describe('exportersFromEnv', () => {
  it('follows OTEL_TRACES_EXPORTER: otlp, zipkin, both, or none', () => {
    const names = (env: NodeJS.ProcessEnv) => exportersFromEnv(env).map((e) => e.constructor.name);
    expect(names({ OTEL_TRACES_EXPORTER: 'zipkin' })).toEqual(['ZipkinExporter']);
    expect(names({ OTEL_TRACES_EXPORTER: 'otlp, zipkin' })).toEqual(['OTLPTraceExporter', 'ZipkinExporter']);
    expect(names({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual([]);
    expect(() => exportersFromEnv({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(/unknown exporter "jaeger"/);
  });

  it('defaults to otlp only where an OTLP endpoint is configured', () => {
    expect(exportersFromEnv({}).length).toBe(0);
    expect(exportersFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).map((e) => e.constructor.name)).toEqual(['OTLPTraceExporter']);
  });
});

describe('tenant on spans', () => {
  const spans = new InMemorySpanExporter();
  beforeAll(() => startTelemetry({ serviceName: 'telemetry-test', spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }));
  afterAll(() => stopTelemetry());

  it('copies the parent span’s tenant.id to the spans started under it, and no further than its trace', () => {
    const server = tracer().startSpan('server', { attributes: { [TENANT_ATTRIBUTE]: 'tenant-a' } });
    context.with(trace.setSpan(context.active(), server), () => {
      const db = tracer().startSpan('db');
      context.with(trace.setSpan(context.active(), db), () => tracer().startSpan('nested').end());
      db.end();
    });
    server.end();
    tracer().startSpan('elsewhere').end();
    const byName = Object.fromEntries(spans.getFinishedSpans().map((s) => [s.name, s.attributes[TENANT_ATTRIBUTE]]));
    expect(byName).toEqual({ server: 'tenant-a', db: 'tenant-a', nested: 'tenant-a', elsewhere: undefined });
  });
});

describe('pool metrics', () => {
  beforeAll(() => startTelemetry({ serviceName: 'pool-metrics-test' }));
  afterAll(() => stopTelemetry());

  it('reports a PostgreSQL pool’s connections and waiting queries at each scrape, until it is unobserved', async () => {
    const pool = { totalCount: 3, idleCount: 1, waitingCount: 2 };
    const unobserve = observeDbPool(pool, { service: 'matching' });
    let text = await prometheusMetrics();
    expect(text).toContain('tandem_db_pool_connections{service="matching",state="total"} 3');
    expect(text).toContain('tandem_db_pool_connections{service="matching",state="idle"} 1');
    expect(text).toContain('tandem_db_pool_waiting_requests{service="matching"} 2');
    pool.waitingCount = 0;
    expect(await prometheusMetrics()).toContain('tandem_db_pool_waiting_requests{service="matching"} 0');
    // Unobserved (the pool closed): its later numbers are not read any more.
    unobserve();
    pool.waitingCount = 5;
    text = await prometheusMetrics();
    expect(text).not.toContain('tandem_db_pool_waiting_requests{service="matching"} 5');
  });
});
