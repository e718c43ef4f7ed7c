import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger, createMemoryBus, createRedisCache, postgresDriver, prometheusMetrics, startService, startTelemetry, stopTelemetry,
  type RunningService, type ServiceDefinition, type SqlDriver,
} from '../src';
import { createKafkaBus } from '../src/bus/kafka';
import { freePort, startPrivatePostgres, type PrivatePostgres } from '../src/test-servers';
import { eventually } from '../src/testing';

const definition: ServiceDefinition = {
  name: 'readiness',
  config: z.object({}),
  migrationsDir: fileURLToPath(new URL('./fixtures/migrations', import.meta.url)),
};

/**
 * /ready says whether the process can serve its requests: its database, not the broker or the
 * cache, whose outages it rides out (the outbox keeps writes, dashboards skip the cache). Their
 * state is in tandem_dependency_up. On a private PostgreSQL, which the last test stops.
 */
describe('readiness', () => {
  let postgres: PrivatePostgres;
  let driver: SqlDriver;
  let service: RunningService;
  const ready = () => service.app.inject({ method: 'GET', url: '/ready' });
  const dependency = async (name: string) =>
    new RegExp(`^tandem_dependency_up\\{[^}]*dependency="${name}"[^}]*\\} (\\d)`, 'm').exec(await prometheusMetrics())?.[1];

  beforeAll(async () => {
    startTelemetry({ serviceName: 'readiness-test' });
    postgres = await startPrivatePostgres();
    driver = postgresDriver(postgres.url);
    // Nothing listens on these ports: the broker and the cache are down from the start.
    const [kafkaPort, redisPort] = [await freePort(), await freePort()];
    const bus = createKafkaBus({ brokers: [`127.0.0.1:${kafkaPort}`], clientId: 'readiness-test' });
    const cache = createRedisCache(`redis://127.0.0.1:${redisPort}/0`);
    service = await startService(definition, {
      driver, bus, cache, logger: createLogger('readiness', 'silent'), internalSecret: 'readiness-test-secret-0000',
    }, { host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await driver?.close();
    await postgres?.close();
    await stopTelemetry();
  });

  it('is ready while the broker and the cache are down, and says so in its metrics', async () => {
    const r = await ready();
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ready', service: 'readiness' });
    expect(await dependency('database')).toBe('1');
    expect(await dependency('bus')).toBe('0');
    expect(await dependency('cache')).toBe('0');
    // The retention job's tables, sized at every scrape.
    const text = await prometheusMetrics();
    for (const table of ['outbox', 'inbox']) {
      expect(text).toMatch(new RegExp(`^tandem_table_rows\\{[^}]*service="readiness"[^}]*table="${table}"[^}]*\\} \\d+`, 'm'));
    }
  });

  it('is not ready while its database is down, and ready again once it is back', async () => {
    await postgres.stop();
    try {
      const r = await ready();
      expect(r.statusCode).toBe(503);
      expect(r.json().detail).toMatch(/^database unavailable/);
      expect(await dependency('database')).toBe('0');
    } finally {
      await postgres.start();
    }
    await eventually(async () => (await ready()).statusCode === 200, 20_000, 200);
  });

  it('is ready on the in-memory bus and a stopped cache too', async () => {
    const other = await startService({ ...definition, name: 'readiness_two' }, {
      driver, bus: createMemoryBus(), cache: createRedisCache(`redis://127.0.0.1:${await freePort()}/0`),
      logger: createLogger('readiness', 'silent'), internalSecret: 'readiness-test-secret-0000',
    }, { host: '127.0.0.1', port: 0 });
    try {
      expect((await other.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
