import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, deleteExpiredRows, embeddedDriver, migrate, postgresDriver, uuidv7, type SqlDriver } from '../src';
import { freshTestDatabase } from '../src/testing';

const migrations = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));
const DAY_MS = 86_400_000;

describe.each([
  ['postgres', async () => postgresDriver(await freshTestDatabase('retention'))],
  ['embedded', async () => embeddedDriver()],
])('retention of outbox and inbox rows on %s', (_name, makeDriver: () => Promise<SqlDriver>) => {
  let driver: SqlDriver;
  let db: Database;
  const now = new Date();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const settings = { outboxDays: 7, inboxDays: 3, everyMs: 0 };

  beforeAll(async () => {
    driver = await makeDriver();
    db = new Database(driver, 'retained');
    await migrate(db, migrations);
  });
  afterAll(() => driver?.close());

  const outboxRow = (label: string, createdDaysAgo: number, publishedDaysAgo: number | null) =>
    db.asOwner((sql) => sql.query(
      `INSERT INTO outbox (id, topic, key, envelope, created_at, published_at) VALUES ($1, 't', $2, '{}', $3, $4)`,
      [uuidv7(), label, daysAgo(createdDaysAgo), publishedDaysAgo === null ? null : daysAgo(publishedDaysAgo)],
    ));
  const keys = async () =>
    (await db.asOwner((sql) => sql.query<{ key: string }>(`SELECT key FROM outbox ORDER BY key`))).rows.map((r) => r.key);
  const inboxCount = async () =>
    (await db.asOwner((sql) => sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox`))).rows[0]!.n;

  it('deletes published outbox rows older than the outbox retention, and never an unpublished one', async () => {
    await outboxRow('published-long-ago', 10, 9);
    await outboxRow('published-yesterday', 2, 1);
    await outboxRow('unpublished-long-ago', 30, null);
    const deleted = await deleteExpiredRows(db, settings, now);
    expect(deleted.outbox).toBe(1);
    expect(await keys()).toEqual(['published-yesterday', 'unpublished-long-ago']);
    expect((await deleteExpiredRows(db, settings, now)).outbox).toBe(0);
  });

  it('deletes inbox rows older than the inbox retention, however many, in batches', async () => {
    const tenantId = uuidv7();
    // 12,001 old rows (more than two batches) and one recent one.
    await db.asOwner((sql) => sql.query(
      `INSERT INTO inbox (consumer, event_id, tenant_id, processed_at)
       SELECT 'c', gen_random_uuid(), $1, $2 FROM generate_series(1, 12001)`,
      [tenantId, daysAgo(4)],
    ));
    await db.asOwner((sql) => sql.query(`INSERT INTO inbox (consumer, event_id, tenant_id, processed_at) VALUES ('c', $1, $2, $3)`, [
      uuidv7(), tenantId, daysAgo(1),
    ]));
    expect((await deleteExpiredRows(db, settings, now)).inbox).toBe(12_001);
    expect(await inboxCount()).toBe(1);
  });

  it('deletes keyed requests’ marks two days old, a day after the gateway forgot their keys', async () => {
    const tenantId = uuidv7();
    for (const [key, days] of [['old', 3], ['recent', 1]] as const) {
      await db.asOwner((sql) => sql.query(
        `INSERT INTO request_marks (tenant_id, key, request_hash, created_at) VALUES ($1, $2, 'h', $3)`, [tenantId, key, daysAgo(days)],
      ));
    }
    expect((await deleteExpiredRows(db, settings, now)).requestMarks).toBe(1);
    const left = await db.asOwner((sql) => sql.query<{ key: string }>(`SELECT key FROM request_marks`));
    expect(left.rows.map((r) => r.key)).toEqual(['recent']);
  });
});
