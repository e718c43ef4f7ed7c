import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

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

export function postgresDriver(url: string, max = 10): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
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
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(text: string, params?: readonly unknown[]) {
            const r = await client.query(text, params as unknown[]);
            return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
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
