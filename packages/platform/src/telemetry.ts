import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { startNodeSdk } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';

export interface TelemetryOptions {
  serviceName: string;
  /** Where spans go besides OTLP (tests pass an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  otlpEndpoint?: string;
}

let sdk: { shutdown(): Promise<void> } | undefined;
/** Collects the metrics for GET /metrics (no server of its own: every process serves its HTTP app). */
let prometheus: PrometheusExporter | undefined;
const serializer = new PrometheusSerializer();

/**
 * Starts OpenTelemetry once per process. HTTP server/client spans and trace propagation over HTTP
 * and the bus are created explicitly by the platform (so they work under any module loader);
 * the pg instrumentation adds database spans where it can hook in. (Outgoing HTTP is not
 * auto-instrumented: a second, automatic traceparent header would corrupt the one we inject.)
 */
export function startTelemetry(options: TelemetryOptions): void {
  if (sdk) return;
  const processors = [...(options.spanProcessors ?? [])];
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }));
  }
  // Spans are made even when none is exported: their ids go into logs and `traceparent` answers.
  if (processors.length === 0) processors.push(keepNothing);
  sdk = startNodeSdk({
    resourceAttributes: { 'service.name': options.serviceName },
    spanProcessors: processors,
    // Metrics are scraped from /metrics; logs go through pino: no env-driven exporters here.
    metricReaders: [prometheus = new PrometheusExporter({ preventServerStart: true })],
    logRecordProcessors: [],
    instrumentations: [
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
}

const keepNothing: SpanProcessor = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };

export async function stopTelemetry(): Promise<void> {
  const current = sdk;
  sdk = undefined;
  prometheus = undefined;
  await current?.shutdown();
}

/** The process's metrics in the Prometheus text format; empty before telemetry starts. */
export async function prometheusMetrics(): Promise<string> {
  if (!prometheus) return '';
  const { resourceMetrics } = await prometheus.collect();
  return serializer.serialize(resourceMetrics);
}

export const tracer = () => trace.getTracer('tandem');

/** W3C trace context of the active span, to carry in a header or an event envelope. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

export function contextFrom(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
}

/** Runs fn inside a span that ends (with error status if fn throws) when fn settles. */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; parent?: Context; attributes?: Record<string, string | number | boolean> },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind };
