import { context, diag, metrics, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';
import { startNodeSdk } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { observeRuntime } from './runtime-metrics';

export interface TelemetryOptions {
  serviceName: string;
  /** Where spans go besides the exporters OTEL_TRACES_EXPORTER names (tests pass an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  /** @deprecated OTEL_EXPORTER_OTLP_ENDPOINT is read by the OTLP exporter itself. */
  otlpEndpoint?: string;
}

/** The attribute every span of a tenant's work carries (set on server spans, copied to their children). */
export const TENANT_ATTRIBUTE = 'tenant.id';

let sdk: { shutdown(): Promise<void> } | undefined;
let stopRuntime: (() => void) | undefined;
/** Collects the metrics for GET /metrics (no server of its own: every process serves its HTTP app). */
let prometheus: PrometheusExporter | undefined;
// No otel_scope_* labels: every name is unique already, and scopes say nothing to an operator.
const serializer = new PrometheusSerializer('', false, undefined, false, true);
/**
 * The process's instrumentations, on globalThis: the compiled preload (dist/instrument.js) and a
 * compiled service each carry their own copy of this module, and must not patch libraries twice.
 */
const INSTRUMENTATIONS = Symbol.for('tandem.telemetry.instrumentations');
const registered = () => (globalThis as { [INSTRUMENTATIONS]?: Instrumentation[] })[INSTRUMENTATIONS];

/**
 * Patches pg, kafkajs, ioredis and undici (outgoing HTTP, fetch included) once per process.
 * ESM imports are only seen by a loader hook registered before the application is loaded, so
 * processes start with `--import` of instrument.ts (instrument.js when compiled), which calls
 * this first; startTelemetry calls it too, for what is loaded later (kafkajs, fetch). No HTTP
 * server instrumentation: the platform writes server spans itself and skips /health, /ready and
 * /metrics, so probes and scrapes make no traces (pg and Redis spans need a parent span too).
 */
export function instrumentLibraries(): void {
  if (registered()) return;
  const instrumentations = [
    new PgInstrumentation({ requireParentSpan: true }),
    new IORedisInstrumentation({ requireParentSpan: true }),
    new EventKafkaInstrumentation({
      producerHook: (span, { message }) => tagTenant(span, message.value),
      consumerHook: (span, { message }) => tagTenant(span, message.value),
    }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
  ];
  (globalThis as { [INSTRUMENTATIONS]?: Instrumentation[] })[INSTRUMENTATIONS] = instrumentations;
  registerInstrumentations({ instrumentations });
}

/**
 * kafkajs' producer span takes the active context as its parent, which in the outbox relay is
 * nobody's: events of many requests leave in one batch. Each outgoing message carries the
 * traceparent of the request that wrote its event (see outbox.ts), so its producer span is made a
 * child of that request, and the consumer's process span (a child of the producer span, through
 * the header the instrumentation writes) lands in the same trace.
 */
class EventKafkaInstrumentation extends KafkaJsInstrumentation {
  constructor(config: ConstructorParameters<typeof KafkaJsInstrumentation>[0]) {
    super(config);
    const self = this as unknown as { _startProducerSpan(topic: string, message: KafkaMessage, client: unknown): Span };
    const start = self._startProducerSpan.bind(this);
    self._startProducerSpan = (topic, message, client) => {
      const traceparent = headerValue(message.headers?.traceparent);
      const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : context.active();
      return context.with(parent, () => start(topic, message, client));
    };
  }
}

interface KafkaMessage {
  headers?: Record<string, unknown>;
  value?: unknown;
}

const headerValue = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : String(Array.isArray(value) ? value[value.length - 1] : value);

/** The envelope's tenant, read without parsing the whole event (it can be large). */
const TENANT_IN_ENVELOPE = /"tenantId":"([^"]{1,100})"/;
function tagTenant(span: Span, value: unknown): void {
  const tenant = value === null || value === undefined ? undefined : TENANT_IN_ENVELOPE.exec(String(value))?.[1];
  if (tenant) span.setAttribute(TENANT_ATTRIBUTE, tenant);
}

/** Gives every span the tenant of its parent span in this process: database, cache, bus and client spans. */
export class TenantSpanProcessor implements SpanProcessor {
  onStart(span: Parameters<SpanProcessor['onStart']>[0], parentContext: Context): void {
    if (span.attributes[TENANT_ATTRIBUTE] !== undefined) return;
    const parent = trace.getSpan(parentContext) as Partial<ReadableSpan> | undefined;
    const tenant = parent?.attributes?.[TENANT_ATTRIBUTE];
    if (tenant !== undefined) span.setAttribute(TENANT_ATTRIBUTE, tenant);
  }
  onEnd(): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/**
 * The span exporters OTEL_TRACES_EXPORTER names (comma-separated): `otlp` (OTLP/HTTP to
 * OTEL_EXPORTER_OTLP_ENDPOINT), `zipkin` (to OTEL_EXPORTER_ZIPKIN_ENDPOINT, default
 * http://localhost:9411/api/v2/spans) or `none`. Unset means `otlp`, but only when an OTLP
 * endpoint is configured: a process with nowhere to send spans does not retry a default address.
 */
export function exportersFromEnv(env: NodeJS.ProcessEnv = process.env): SpanExporter[] {
  const configured = env.OTEL_TRACES_EXPORTER?.trim();
  const hasOtlpEndpoint = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const names = configured ? configured.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean) : hasOtlpEndpoint ? ['otlp'] : [];
  const exporters: SpanExporter[] = [];
  for (const name of new Set(names)) {
    if (name === 'none') return [];
    if (name === 'otlp') exporters.push(new OTLPTraceExporter());
    else if (name === 'zipkin') exporters.push(new ZipkinExporter());
    else throw new Error(`OTEL_TRACES_EXPORTER: unknown exporter "${name}" (otlp, zipkin or none)`);
  }
  return exporters;
}

/**
 * OpenTelemetry's own instruments under Prometheus names with their unit, as ours are (the
 * serializer adds no unit suffix); the pg pool's connection counts come from observeDbPool instead.
 */
const views: ViewOptions[] = [
  ['db.client.operation.duration', 'db_client_operation_duration_seconds'],
  ['http.client.request.duration', 'http_client_request_duration_seconds'],
  ['messaging.client.operation.duration', 'messaging_client_operation_duration_seconds'],
  ['messaging.process.duration', 'messaging_process_duration_seconds'],
  ['messaging.client.sent.messages', 'messaging_client_sent_messages'],
  ['messaging.client.consumed.messages', 'messaging_client_consumed_messages'],
].map(([instrumentName, name]) => ({ instrumentName, name }));
const dropped: ViewOptions[] = ['db.client.connection.count', 'db.client.connection.max', 'db.client.connection.pending_requests']
  .map((instrumentName) => ({ instrumentName, aggregation: { type: AggregationType.DROP } }));

/**
 * Starts OpenTelemetry once per process: spans to the exporters OTEL_TRACES_EXPORTER names (and
 * the given processors), metrics for GET /metrics. The resource is the service name only: no
 * host, process or command-line detectors, so neither spans nor target_info expose them.
 */
export function startTelemetry(options: TelemetryOptions): void {
  if (sdk) return;
  instrumentLibraries();
  const processors: SpanProcessor[] = [
    new TenantSpanProcessor(),
    ...(options.spanProcessors ?? []),
    ...exportersFromEnv().map((exporter) => new BatchSpanProcessor({ exporter })),
  ];
  sdk = startNodeSdk({
    resourceAttributes: { 'service.name': options.serviceName },
    resourceDetectors: [],
    spanProcessors: processors,
    // Metrics are scraped from /metrics; logs go through pino: no env-driven exporters here.
    metricReaders: [prometheus = new PrometheusExporter({ preventServerStart: true })],
    views: [...views, ...dropped],
    logRecordProcessors: [],
  });
  // The instrumentations were registered before there was an SDK (or with an earlier one).
  for (const instrumentation of registered() ?? []) {
    instrumentation.setTracerProvider(trace.getTracerProvider());
    instrumentation.setMeterProvider(metrics.getMeterProvider());
  }
  stopRuntime = observeRuntime();
}

export async function stopTelemetry(): Promise<void> {
  const current = sdk;
  sdk = undefined;
  prometheus = undefined;
  stopRuntime?.();
  stopRuntime = undefined;
  await current?.shutdown();
  // The SDK leaves its providers registered; without this a later start (tests) would keep the shut-down ones.
  if (current) for (const api of [trace, metrics, context, propagation, diag]) api.disable();
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

/**
 * The parent for work caused by an event: the active span when it already continues the event's
 * trace (the Kafka instrumentation's process span), else the trace the event carries.
 */
export function continueTrace(traceparent: string | undefined): Context {
  const active = trace.getSpanContext(context.active());
  const carried = traceparent ? trace.getSpanContext(contextFrom(traceparent)) : undefined;
  if (active && carried && active.traceId === carried.traceId) return context.active();
  return contextFrom(traceparent);
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
