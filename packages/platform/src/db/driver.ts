import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { observeDbPool } from '../metrics';

export type Row = Record<string, unknown>;
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}
/** The little of SQL access the platform needs; both drivers implement it. */
export interface Sql {
  query<R = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}
export interface SqlDriver extends Sql {
  readonly kind: 'postgres' | 'embedded';
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Return bigint counts and numerics as JS numbers: every count we keep fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** How long a transaction waits for a connection before it fails (transiently) instead of hanging. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A pool of connections to a PostgreSQL server. A connection can die at any moment (a restart,
 * a failover, pg_terminate_backend): pg then emits 'error' on its client, which would crash the
 * process if nobody listened. So every client has a listener all its life: the pool's own while
 * idle, and the transaction's while checked out, which remembers the error so the broken client
 * is destroyed (release(err)) instead of going back to the pool. The transaction itself fails
 * like any other error (its query rejects, or COMMIT does).
 */
export function postgresDriver(url: string, max = 10): SqlDriver {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A peer that vanished without closing (a failed-over host) is noticed by TCP keepalive.
    keepAlive: true,
  });
  // An idle client that loses its connection: the pool removes it and opens another when needed.
  pool.on('error', () => {});
  const unobserve = observeDbPool(pool);
  let closed = false;
  const query = async <R>(text: string, params?: readonly unknown[]) => {
    const r = await pool.query(text, params as unknown[]);
    return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: 'postgres',
    query,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken ??= error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(text: string, params?: readonly unknown[]) {
            if (broken) throw broken;
            const r = await client.query(text, params as unknown[]);
            return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
          },
        });
        if (broken) throw broken;
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      unobserve();
      await pool.end();
    },
  };
}

/** PostgreSQL compiled to WASM, in-process: the all-in-one default that needs no server. */
export function embeddedDriver(dataDir?: string): SqlDriver {
  const db = new PGlite(dataDir);
  let closed = false;
  type Runner = Pick<PGlite, 'query' | 'exec'>;
  // Like pg, a query without parameters goes over the simple protocol, which allows several
  // statements (migrations); the answer is the last statement's.
  const run = async <R>(on: Runner, text: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
    const r = params?.length ? await on.query(text, params as unknown[]) : (await on.exec(text)).at(-1);
    // PGlite reports 0 affected rows for a SELECT: count its rows instead, as pg does.
    return { rows: (r?.rows ?? []) as R[], rowCount: Math.max(r?.affectedRows ?? 0, r?.rows.length ?? 0) };
  };
  return {
    kind: 'embedded',
    query: <R>(text: string, params?: readonly unknown[]) => run<R>(db, text, params),
    transaction(fn) {
      return db.transaction((tx) => fn({ query: <R>(text: string, params?: readonly unknown[]) => run<R>(tx, text, params) }));
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
