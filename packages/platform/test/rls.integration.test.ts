import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, embeddedDriver, migrate, postgresDriver, uuidv7, type SqlDriver } from '../src';
import { freshTestDatabase } from '../src/testing';

const migrations = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));

// Row-level security is the tenancy guarantee, so it is checked on both drivers at the SQL level.
describe.each([
  ['postgres', async () => postgresDriver(await freshTestDatabase('rls'))],
  ['embedded', async () => embeddedDriver()],
])('row-level security on %s', (_name, makeDriver: () => Promise<SqlDriver>) => {
  let driver: SqlDriver;
  let db: Database;
  const tenantA = uuidv7();
  const tenantB = uuidv7();

  beforeAll(async () => {
    driver = await makeDriver();
    db = new Database(driver, 'notes_svc');
    expect(await migrate(db, migrations)).toEqual(['001_notes.sql']);
    expect(await migrate(db, migrations)).toEqual([]);
    await db.withTenant(tenantA, (sql) => sql.query(`INSERT INTO notes VALUES ($1, $2, 'a')`, [uuidv7(), tenantA]));
    await db.withTenant(tenantB, (sql) => sql.query(`INSERT INTO notes VALUES ($1, $2, 'b')`, [uuidv7(), tenantB]));
  });
  afterAll(() => driver?.close());

  it('shows a tenant only its own rows, even with no WHERE clause', async () => {
    const rows = await db.withTenant(tenantA, (sql) => sql.query<{ body: string }>(`SELECT body FROM notes`));
    expect(rows.rows.map((r) => r.body)).toEqual(['a']);
  });

  it('shows nothing when no tenant is set on the service role', async () => {
    const rows = await driver.transaction(async (sql) => {
      await sql.query(`SET LOCAL ROLE ${db.role}`);
      return sql.query(`SELECT * FROM notes_svc.notes`);
    });
    expect(rows.rows).toEqual([]);
  });

  it('refuses to write a row for another tenant', async () => {
    await expect(
      db.withTenant(tenantA, (sql) => sql.query(`INSERT INTO notes VALUES ($1, $2, 'x')`, [uuidv7(), tenantB])),
    ).rejects.toThrow(/row-level security/);
    const updated = await db.withTenant(tenantA, (sql) => sql.query(`UPDATE notes SET body = 'y' WHERE tenant_id = $1`, [tenantB]));
    expect(updated.rowCount).toBe(0);
  });

  it('gives a snapshot transaction one view of the data, and no writes', async () => {
    const count = (sql: { query: typeof driver.query }) =>
      sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM notes`).then((r) => r.rows[0]!.n);
    const [before, after] = await db.withTenant(tenantA, async (sql) => {
      const first = await count(sql);
      // Committed by another transaction between two reads of this one.
      if (driver.kind === 'postgres') {
        await db.withTenant(tenantA, (w) => w.query(`INSERT INTO notes VALUES ($1, $2, 'snap')`, [uuidv7(), tenantA]));
      }
      return [first, await count(sql)];
    }, { snapshot: true });
    expect(after).toBe(before);
    await expect(
      db.withTenant(tenantA, (sql) => sql.query(`INSERT INTO notes VALUES ($1, $2, 'ro')`, [uuidv7(), tenantA]), { snapshot: true }),
    ).rejects.toThrow(/read-only/);
    await db.withTenant(tenantA, (sql) => sql.query(`DELETE FROM notes WHERE body = 'snap'`));
  });

  it('keeps the service role out of other schemas', async () => {
    const other = new Database(driver, 'other_svc');
    await migrate(other, migrations);
    await expect(db.withTenant(tenantA, (sql) => sql.query(`SELECT * FROM other_svc.notes`))).rejects.toThrow(/permission denied/);
  });
});
