import { metrics, type Counter, type Histogram, type MeterProvider, type ObservableGauge, type UpDownCounter } from '@opentelemetry/api';

/**
 * The platform's metrics (DESIGN.md §8), recorded through the OpenTelemetry API and served as
 * Prometheus text at GET /metrics by every process (see telemetry.ts). Before telemetry starts
 * (unit and service tests) they are no-ops.
 */
interface Instruments {
  httpDuration: Histogram;
  consumerEvents: Counter;
  outboxPublished: Counter;
  outboxBacklog: ObservableGauge;
  consumerLag: ObservableGauge;
  consumerWaiting: UpDownCounter;
  consumerJoined: ObservableGauge;
  dependencyUp: ObservableGauge;
  tableRows: ObservableGauge;
  matchingRunDuration: Histogram;
  dashboardCache: Counter;
}

let cached: { provider: MeterProvider; instruments: Instruments } | undefined;

/** The instruments of the current meter provider (made again if telemetry started since). */
function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider === provider) return cached.instruments;
  const meter = provider.getMeter('tandem');
  const made: Instruments = {
    httpDuration: meter.createHistogram('http.server.request.duration', {
      unit: 's', description: 'HTTP requests served, by service, method, route and status',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] },
    }),
    consumerEvents: meter.createCounter('tandem.consumer.events', {
      description: 'Events a consumer received, by outcome: handled, duplicate, retried, dead-lettered',
    }),
    outboxPublished: meter.createCounter('tandem.outbox.published', { description: 'Events the outbox relay put on the bus' }),
    outboxBacklog: meter.createObservableGauge('tandem.outbox.backlog', { description: 'Committed events not yet on the bus' }),
    consumerLag: meter.createObservableGauge('tandem.consumer.lag', { description: 'Events on the bus a consumer has not committed yet' }),
    consumerWaiting: meter.createUpDownCounter('tandem.consumer.waiting', {
      description: 'Events a consumer holds, retrying, until a transient failure passes (database or broker away, a fact not known yet)',
    }),
    consumerJoined: meter.createObservableGauge('tandem.consumer.joined', {
      description: '1 while a consumer is in its group and receiving; 0 while it joins or rejoins',
    }),
    dependencyUp: meter.createObservableGauge('tandem.dependency.up', {
      description: '1 when a dependency (database, bus, cache) answered its last check, 0 when it did not',
    }),
    tableRows: meter.createObservableGauge('tandem.table.rows', { description: 'Rows of the platform tables (outbox, inbox), from the statistics' }),
    matchingRunDuration: meter.createHistogram('tandem.matching.run.duration', {
      unit: 's', description: 'Engine time of matching runs',
      advice: { explicitBucketBoundaries: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300] },
    }),
    dashboardCache: meter.createCounter('tandem.dashboard.cache', { description: 'Dashboard reads, by result: hit or miss' }),
  };
  cached = { provider, instruments: made };
  return made;
}

export const recordHttpRequest = (service: string, method: string, route: string, status: number, seconds: number) =>
  instruments().httpDuration.record(seconds, {
    service, 'http.request.method': method, 'http.route': route, 'http.response.status_code': status,
  });

/** 'retried': a failure retried a bounded number of times; 'waited': a transient one, retried until it passes. */
export type ConsumerOutcome = 'handled' | 'duplicate' | 'retried' | 'waited' | 'dead-lettered';
export const countConsumedEvent = (consumer: string, type: string, outcome: ConsumerOutcome) =>
  instruments().consumerEvents.add(1, { consumer, type, outcome });

/** +1 when an event starts waiting on a transient failure, -1 when it stops (handled, or given up to another member). */
export const countWaitingEvents = (consumer: string, delta: 1 | -1) => instruments().consumerWaiting.add(delta, { consumer });

export const countPublishedEvents = (service: string, count: number) => instruments().outboxPublished.add(count, { service });

export const recordMatchingRun = (seconds: number, attributes: { format: string; objective: string; dry_run: boolean }) =>
  instruments().matchingRunDuration.record(seconds, attributes);

export const countDashboardRead = (result: 'hit' | 'miss') => instruments().dashboardCache.add(1, { result });

export const observeConsumerJoined = (consumer: string, joined: () => boolean) =>
  observe(instruments().consumerJoined, { consumer }, async () => (joined() ? 1 : 0));

/** 1 when `check` resolves within the scrape's wait, 0 when it fails or is slow. */
export const observeDependency = (service: string, dependency: string, check: () => Promise<void>) =>
  observe(instruments().dependencyUp, { service, dependency }, () => check().then(() => 1, () => 0), 0);

export const observeTableRows = (service: string, table: string, rows: () => Promise<number>) =>
  observe(instruments().tableRows, { service, table }, rows);

/** How long a scrape waits for one gauge's value (the database or broker may be away). */
const OBSERVE_TIMEOUT_MS = 2000;

/**
 * Reports a value at every scrape, until the returned function is called; nothing when it fails
 * or is slow (`whenLate`, if given, when it is slow).
 */
function observe(
  gauge: ObservableGauge,
  attributes: Record<string, string>,
  read: () => Promise<number>,
  whenLate?: number,
): () => void {
  const callback = async (result: { observe(value: number, attributes: Record<string, string>): void }) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<number | undefined>((resolve) => (timer = setTimeout(() => resolve(whenLate), OBSERVE_TIMEOUT_MS)));
    const value = await Promise.race([read().catch(() => undefined), late]);
    clearTimeout(timer);
    if (value !== undefined) result.observe(value, attributes);
  };
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}

export const observeOutboxBacklog = (service: string, backlog: () => Promise<number>) =>
  observe(instruments().outboxBacklog, { service }, backlog);

export const observeConsumerLag = (consumer: string, lag: () => Promise<number>) =>
  observe(instruments().consumerLag, { consumer }, lag);
