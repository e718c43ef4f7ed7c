import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEvent, createLogger, createMemoryBus, Database, isTransient, migrate, OutboxRelay, postgresDriver, uuidv7,
  writeToOutbox, type EventBus, type SqlDriver,
} from '../src';
import { eventually, freshTestDatabase } from '../src/testing';

const migrations = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));

/**
 * Connections that die under the driver (a restart, a failover, pg_terminate_backend) against a
 * real PostgreSQL: only the backends of this file's own test database are terminated.
 */
describe('postgres driver when connections are terminated', () => {
  let url: string;
  let driver: SqlDriver;
  let admin: pg.Client;
  const tenantId = uuidv7();

  /** Ends every backend of the test database but the admin's own; returns how many. */
  const terminateAll = async () => {
    const r = await admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return r.rows[0]!.n;
  };
  const rejection = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected a rejection');
  };

  beforeAll(async () => {
    url = await freshTestDatabase('driver');
    driver = postgresDriver(url, 4);
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await driver?.close();
  });

  it('fails a transaction whose connection is terminated between two statements, and keeps serving', async () => {
    const error = await rejection(driver.transaction(async (sql) => {
      await sql.query('SELECT 1');
      expect(await terminateAll()).toBeGreaterThanOrEqual(1);
      // The client's 'error' event arrives while no query runs: nothing may crash.
      await new Promise((r) => setTimeout(r, 200));
      await sql.query('SELECT 2');
    }));
    expect(isTransient(error)).toBe(true);
    const after = await driver.transaction((sql) => sql.query<{ ok: number }>('SELECT 1 AS ok'));
    expect(after.rows).toEqual([{ ok: 1 }]);
  });

  it('fails a transaction whose connection is terminated during a statement', async () => {
    // Handled from the start: it may reject before the termination's own answer arrives.
    const running = rejection(driver.transaction((sql) => sql.query('SELECT pg_sleep(30)')));
    await eventually(async () => {
      const r = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'`);
      return r.rowCount === 1;
    });
    await terminateAll();
    expect(isTransient(await running)).toBe(true);
    expect((await driver.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('fails the commit of a transaction whose connection died after its last statement, writing nothing', async () => {
    await driver.query(`CREATE TABLE IF NOT EXISTS kept (id int PRIMARY KEY)`);
    const error = await rejection(driver.transaction(async (sql) => {
      await sql.query(`INSERT INTO kept VALUES (1)`);
      await terminateAll();
      await new Promise((r) => setTimeout(r, 200));
    }));
    expect(isTransient(error)).toBe(true);
    expect((await driver.query(`SELECT * FROM kept`)).rows).toEqual([]);
  });

  it('replaces idle pooled connections that were terminated', async () => {
    // Fill the pool with idle clients, end them all, then use it again.
    await Promise.all([1, 2, 3, 4].map(() => driver.transaction((sql) => sql.query('SELECT pg_sleep(0.05)'))));
    expect(await terminateAll()).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 200));
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => driver.query<{ n: number }>('SELECT $1::int AS n', [n])));
    expect(results.map((r) => r.rows[0]!.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps an outbox relay publishing while its connections are terminated again and again', async () => {
    const bus: EventBus = createMemoryBus();
    const db = new Database(driver, 'relayed');
    await migrate(db, migrations);
    const relay = new OutboxRelay(db, bus, createLogger('driver-test', 'silent'), { pollMs: 20, maxBackoffMs: 100 });
    const received = new Set<string>();
    await bus.subscribe({ group: 'driver-test', topics: ['tandem.tenancy'] }, async (m) => {
      received.add(JSON.parse(m.value).id);
    });
    relay.start();
    const written: string[] = [];
    try {
      for (let round = 0; round < 10; round += 1) {
        const event = createEvent('driver-test', tenantId, 'tenancy.tenant.created', uuidv7(), { tenantId, name: `t${round}`, slug: `t${round}` });
        // A write may itself meet a terminated connection: like any caller, retry it.
        await eventually(async () => {
          await db.withTenant(tenantId, (sql) => writeToOutbox(sql, [event]));
          return true;
        }, 10_000, 20);
        written.push(event.id);
        relay.nudge();
        await terminateAll();
        await new Promise((r) => setTimeout(r, 30));
      }
      await eventually(async () => written.every((id) => received.has(id)), 20_000);
      await eventually(async () => (await relay.backlog()) === 0, 10_000);
    } finally {
      await relay.stop();
      await bus.close();
    }
  });
});
