import { randomBytes } from 'node:crypto';
import { createMemoryBus } from './bus/memory';
import { namespacedBus } from './bus/namespaced';
import type { EventBus } from './bus/port';
import { createMemoryCache, createRedisCache } from './cache';
import type { PlatformEnv } from './config';
import { embeddedDriver, postgresDriver } from './db';
import type { Logger } from './logger';
import { retentionSettings } from './retention';
import type { ServiceDeps } from './service';

/** Kafka when brokers are configured (kafkajs is loaded only then), else the in-memory bus. */
/** The variables that choose adapters. */
export type AdapterEnv = Pick<PlatformEnv, 'DATABASE_URL' | 'KAFKA_BROKERS' | 'KAFKA_NAMESPACE' | 'REDIS_URL' | 'TANDEM_INTERNAL_SECRET'>
  & Partial<Pick<PlatformEnv, 'TANDEM_MIGRATE_ON_START' | 'KAFKA_ENSURE_TOPICS' | 'OUTBOX_RETENTION_DAYS' | 'INBOX_RETENTION_DAYS' | 'RETENTION_CHECK_INTERVAL_SECONDS'>>;

export async function createBus(env: AdapterEnv, logger: Logger, clientId: string): Promise<EventBus> {
  if (!env.KAFKA_BROKERS) return createMemoryBus();
  const [{ createKafkaBus }, { kafkaSecurityFromEnv }] = await Promise.all([import('./bus/kafka'), import('./bus/kafka-security')]);
  const bus = namespacedBus(createKafkaBus({ brokers: env.KAFKA_BROKERS, clientId, logger, security: kafkaSecurityFromEnv() }), env.KAFKA_NAMESPACE);
  // Where the topic Job provisions every topic, services need no admin rights and do not try.
  return env.KAFKA_ENSURE_TOPICS === 'false' ? { ...bus, ensureTopics: async () => {} } : bus;
}

/**
 * Chooses adapters from configuration (DESIGN.md §3): a server for each variable that is set,
 * the embedded or in-memory stand-in for each that is not.
 */
export async function createDeps(
  env: AdapterEnv,
  logger: Logger,
  clientId: string,
): Promise<ServiceDeps & { close(): Promise<void> }> {
  const driver = env.DATABASE_URL ? postgresDriver(env.DATABASE_URL) : embeddedDriver();
  const bus = await createBus(env, logger, clientId);
  const cache = env.REDIS_URL ? createRedisCache(env.REDIS_URL) : createMemoryCache();
  return {
    driver,
    bus,
    cache,
    logger,
    // Separate processes must share one (runServiceProcess requires it); one process makes its own.
    internalSecret: env.TANDEM_INTERNAL_SECRET ?? randomBytes(32).toString('base64url'),
    migrateOnStart: env.TANDEM_MIGRATE_ON_START !== 'false',
    retention: retentionSettings(env),
    async close() {
      await bus.close();
      await cache.close();
      await driver.close();
    },
  };
}

/** Runs `close` once on SIGTERM/SIGINT, then exits. */
export function closeOnSignals(close: () => Promise<void>, logger: Logger): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
