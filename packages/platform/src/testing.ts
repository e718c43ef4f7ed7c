import { topicForEvent, type Envelope, type EventData, type EventType } from '@tandem/contracts';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createMemoryBus, type EventBus } from './bus';
import { createMemoryCache, createRedisCache, type Cache } from './cache';
import { postgresDriver, type Database, type Sql } from './db';
import type { EventHandler } from './consumer';
import { createEvent } from './events';
import { createLogger } from './logger';
import { startService, type RunningService, type ServiceDefinition } from './service';
import { signTenantContext, TENANT_CONTEXT_HEADER } from './tenant-context';

/** Helpers for integration tests: real PostgreSQL (and Redis when asked), no mocks of our own parts. */

export const testPostgresUrl = (database = 'postgres') => {
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${database}`;
  return base.toString();
};
export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

/**
 * Tells this checkout's test databases from another's: checkouts whose tests run at the same time
 * on one shared server must not drop each other's databases.
 */
const checkout = createHash('sha256').update(fileURLToPath(new URL('../../..', import.meta.url))).digest('hex').slice(0, 8);

/**
 * Drops and creates a database for one test file, named after the file's `name` and this checkout.
 * Only names starting with tandem_test_ are touched.
 */
export async function freshTestDatabase(name: string): Promise<string> {
  const database = `tandem_test_${name}_${checkout}`;
  if (!/^tandem_test_[a-z0-9_]+$/.test(database)) throw new Error(`refusing to use database ${database}`);
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return testPostgresUrl(database);
}

export const TEST_SECRET = 'integration-test-secret-0123456789';

export interface TestService extends RunningService {
  bus: EventBus;
  cache: Cache;
  databaseUrl: string;
  /** Headers of a caller the gateway would have authenticated. */
  as(tenantId: string, role?: 'admin' | 'participant', participantId?: string): Record<string, string>;
  /** Publishes an event as if another service had emitted it. */
  publish<T extends EventType>(tenantId: string, type: T, subject: string, data: EventData<T>): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestService<C>(
  def: ServiceDefinition<C>,
  options: { database: string; bus?: EventBus; redis?: boolean; cache?: Cache; env?: NodeJS.ProcessEnv },
): Promise<TestService> {
  const databaseUrl = await freshTestDatabase(options.database);
  const driver = postgresDriver(databaseUrl);
  const bus = options.bus ?? createMemoryBus();
  const cache = options.cache ?? (options.redis ? createRedisCache(testRedisUrl()) : createMemoryCache());
  const logger = createLogger(def.name, process.env.TEST_LOG_LEVEL ?? 'silent');
  const running = await startService(def, { driver, bus, cache, logger, internalSecret: TEST_SECRET }, { host: '127.0.0.1', port: 0 }, {
    ...process.env, ...options.env,
  });
  return {
    ...running,
    bus,
    cache,
    databaseUrl,
    as(tenantId, role = 'admin', participantId) {
      return {
        [TENANT_CONTEXT_HEADER]: signTenantContext({ tenantId, role, participantId, keyId: 'test' }, TEST_SECRET),
        'content-type': 'application/json',
      };
    },
    async publish(tenantId, type, subject, data) {
      const event = createEvent('test', tenantId, type, subject, data);
      await bus.publish([{ topic: topicForEvent(type), key: subject, value: JSON.stringify(event), headers: {} }]);
    },
    async stop() {
      await running.close();
      await bus.close();
      await cache.close();
      await driver.close();
    },
  };
}

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Applies `first` with its handler in a transaction that stays open while `second` is applied in
 * another, then commits: for handlers of facts that arrive at once on different topics, where
 * `second` must see what `first` wrote (by waiting for that commit), or work that `first` left
 * waiting for `second` would wait for ever.
 */
export async function applyInterleaved(
  db: Database,
  tenantId: string,
  handlers: readonly EventHandler[],
  first: Envelope,
  second: Envelope,
): Promise<void> {
  const apply = (sql: Sql, event: Envelope) => handlers.find((h) => h.type === event.type)!.handle(sql, event as never);
  let commit!: () => void;
  const held = new Promise<void>((resolve) => (commit = resolve));
  const firstDone = db.withTenant(tenantId, async (sql) => {
    await apply(sql, first);
    await held;
  });
  await new Promise((r) => setTimeout(r, 100));
  const secondDone = db.withTenant(tenantId, (sql) => apply(sql, second));
  // Long enough for `second` to finish if nothing holds it back.
  await new Promise((r) => setTimeout(r, 200));
  commit();
  await Promise.all([firstDone, secondDone]);
}
