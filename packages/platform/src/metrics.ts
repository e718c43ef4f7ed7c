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
  matchingRuns: Counter;
  dashboardCache: Counter;
  dbPoolConnections: ObservableGauge;
  dbPoolWaiting: ObservableGauge;
  engineQueue: ObservableGauge;
  engineThreads: ObservableGauge;
  engineUtilisation: ObservableGauge;
}

let cached: { provider: MeterProvider; instruments: Instruments } | undefined;

/** The instruments of the current meter provider (made again if telemetry started since). */
function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider === provider) return cached.instruments;
  const meter = provider.getMeter('tandem');
  const made: Instruments = {
    // Named as Prometheus shows them, unit suffix included (the serializer adds none).
    httpDuration: meter.createHistogram('http_server_request_duration_seconds', {
      unit: 's', description: 'HTTP requests served, by service, method, route and status',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] },
    }),
    consumerEvents: meter.createCounter('tandem_consumer_events', {
      description: 'Events a consumer received, by outcome: handled, duplicate, retried, dead-lettered',
    }),
    outboxPublished: meter.createCounter('tandem_outbox_published', { description: 'Events the outbox relay put on the bus' }),
    outboxBacklog: meter.createObservableGauge('tandem_outbox_backlog', { description: 'Committed events not yet on the bus' }),
    consumerLag: meter.createObservableGauge('tandem_consumer_lag', { description: 'Events on the bus a consumer has not committed yet' }),
    consumerWaiting: meter.createUpDownCounter('tandem_consumer_waiting', {
      description: 'Events a consumer holds, retrying, until a transient failure passes (database or broker away, a fact not known yet)',
    }),
    consumerJoined: meter.createObservableGauge('tandem_consumer_joined', {
      description: '1 while a consumer is in its group and receiving; 0 while it joins or rejoins',
    }),
    dependencyUp: meter.createObservableGauge('tandem_dependency_up', {
      description: '1 when a dependency (database, bus, cache) answered its last check, 0 when it did not',
    }),
    tableRows: meter.createObservableGauge('tandem_table_rows', { description: 'Rows of the platform tables (outbox, inbox), from the statistics' }),
    matchingRunDuration: meter.createHistogram('tandem_matching_run_duration_seconds', {
      unit: 's', description: 'Engine time of matching runs',
      advice: { explicitBucketBoundaries: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300] },
    }),
    matchingRuns: meter.createCounter('tandem_matching_engine_runs', {
      description: 'Engine calls (runs and suggestions), by operation and outcome: completed, rejected (bad input), failed',
    }),
    dashboardCache: meter.createCounter('tandem_dashboard_cache', { description: 'Dashboard reads, by result: hit or miss' }),
    dbPoolConnections: meter.createObservableGauge('tandem_db_pool_connections', {
      description: 'PostgreSQL pool connections, by state: total (open), idle',
    }),
    dbPoolWaiting: meter.createObservableGauge('tandem_db_pool_waiting_requests', {
      description: 'Queries waiting for a free PostgreSQL pool connection',
    }),
    engineQueue: meter.createObservableGauge('tandem_matching_engine_queue_tasks', {
      description: 'Engine calls waiting for a worker thread',
    }),
    engineThreads: meter.createObservableGauge('tandem_matching_engine_threads', { description: 'Worker threads of the engine pool' }),
    engineUtilisation: meter.createObservableGauge('tandem_matching_engine_utilisation_ratio', {
      description: 'Share of the engine pool\'s capacity in use since it started (0 to 1)',
    }),
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

export type EngineOutcome = 'completed' | 'rejected' | 'failed';
export const countEngineRun = (operation: string, outcome: EngineOutcome) =>
  instruments().matchingRuns.add(1, { operation, outcome });

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

/** What observeDbPool reads of a pool (pg.Pool has these). */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/** Reports a PostgreSQL pool's connections at every scrape, until the returned function is called. */
export function observeDbPool(pool: PoolCounts, attributes: Record<string, string> = {}): () => void {
  const { dbPoolConnections, dbPoolWaiting } = instruments();
  const onConnections = (result: { observe(value: number, attributes: Record<string, string>): void }) => {
    result.observe(pool.totalCount, { ...attributes, state: 'total' });
    result.observe(pool.idleCount, { ...attributes, state: 'idle' });
  };
  const onWaiting = (result: { observe(value: number, attributes: Record<string, string>): void }) => {
    result.observe(pool.waitingCount, attributes);
  };
  dbPoolConnections.addCallback(onConnections);
  dbPoolWaiting.addCallback(onWaiting);
  return () => {
    dbPoolConnections.removeCallback(onConnections);
    dbPoolWaiting.removeCallback(onWaiting);
  };
}

/** What observeEnginePool reads of a worker pool (piscina has these). */
export interface WorkerPoolCounts {
  readonly queueSize: number;
  readonly threads: readonly unknown[];
  readonly utilization: number;
}

/** Reports the matching engine's worker pool (queue, threads, utilisation) at every scrape. */
export function observeEnginePool(pool: WorkerPoolCounts): () => void {
  const { engineQueue, engineThreads, engineUtilisation } = instruments();
  const gauges: [ObservableGauge, () => number][] = [
    [engineQueue, () => pool.queueSize],
    [engineThreads, () => pool.threads.length],
    [engineUtilisation, () => pool.utilization],
  ];
  const callbacks = gauges.map(([gauge, read]) => {
    const callback = (result: { observe(value: number): void }) => result.observe(read());
    gauge.addCallback(callback);
    return () => gauge.removeCallback(callback);
  });
  return () => callbacks.forEach((remove) => remove());
}
