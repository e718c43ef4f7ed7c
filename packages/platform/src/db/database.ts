import type { Sql, SqlDriver } from './driver';

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * A service's view of the database: its own schema, entered as its own role, so PostgreSQL
 * row-level security (not a remembered WHERE clause) keeps tenants apart.
 */
export class Database {
  readonly role: string;

  constructor(
    readonly driver: SqlDriver,
    readonly schema: string,
  ) {
    if (!identifier.test(schema)) throw new Error(`bad schema name ${schema}`);
    this.role = `tandem_${schema}`;
  }

  /**
   * A transaction that sees only `tenantId`'s rows. With `snapshot`, it only reads, and every
   * statement sees the same committed state (REPEATABLE READ): for reads of several tables that
   * must agree with each other, e.g. a pool, its matches and their digest.
   */
  withTenant<T>(tenantId: string, fn: (sql: Sql) => Promise<T>, options: { snapshot?: boolean } = {}): Promise<T> {
    return this.driver.transaction(async (sql) => {
      if (options.snapshot) await sql.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await sql.query(`SET LOCAL ROLE ${this.role}`);
      await sql.query(`SELECT set_config('search_path', $1, true), set_config('app.tenant_id', $2, true)`, [
        this.schema,
        tenantId,
      ]);
      return fn(sql);
    });
  }

  /**
   * A transaction as the schema owner, across tenants: for platform plumbing only (outbox relay,
   * identity look-ups before a tenant is known). Route handlers use withTenant.
   */
  asOwner<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.driver.transaction(async (sql) => {
      await sql.query(`SELECT set_config('search_path', $1, true)`, [this.schema]);
      return fn(sql);
    });
  }

  async ping(): Promise<void> {
    await this.driver.query('SELECT 1');
  }
}

/**
 * Puts the transactions about one thing in line: an advisory lock on `name`, held until the
 * transaction ends. For facts of one thing that arrive on several topics at once (a program and
 * an acceptance that waits for it): without it, each transaction could miss the other's
 * uncommitted write, and the waiting work would wait for ever.
 */
export async function lockFor(sql: Sql, name: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [name]);
}
