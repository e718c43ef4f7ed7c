import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError, conflict } from './errors';
import type { Database, Sql } from './db';

/**
 * A service's own record of the keyed requests it carried out (`Idempotency-Key`, passed by the
 * gateway in the signed context). The first write transaction of such a request marks the key in
 * the same transaction, and the answer is kept beside the mark once it is sent. So when the
 * gateway that held the claim died mid-request, the client's retry gets the answer of the write
 * that committed (a 200 for the approval it asked for), not a second run or a conflict.
 */
export interface RequestKey {
  /** Unique per tenant: derived from the API key id and the client's key. */
  key: string;
  /** The method, path and body the key was first used with. */
  hash: string;
  /** When the gateway's claim of the key began: marks older than that belong to an expired key. */
  since: string;
}

interface Scope extends RequestKey { tenantId: string; marked: boolean }
const scope = new AsyncLocalStorage<Scope>();

export interface KeptAnswer { status: number; contentType: string | null; body: Buffer }

/** The answer kept for this key, or undefined when the request has not been carried out here. */
export async function keptAnswer(db: Database, tenantId: string, request: RequestKey): Promise<KeptAnswer | undefined> {
  const r = await db.withTenant(tenantId, (sql) =>
    sql.query<{ request_hash: string; status: number | null; content_type: string | null; body: Uint8Array | null }>(
      `SELECT request_hash, status, content_type, body FROM request_marks WHERE key = $1 AND created_at >= $2`, [request.key, request.since],
    ));
  const row = r.rows[0];
  if (!row) return undefined;
  if (row.request_hash !== request.hash) {
    throw new AppError(422, 'idempotency-key-reused', 'this Idempotency-Key was used with a different request');
  }
  if (row.status === null) throw conflict('this request was carried out, but its answer was not kept; read the resource instead');
  return { status: row.status, contentType: row.content_type, body: Buffer.from(row.body ?? []) };
}

/** Runs a keyed request's handler so that its write transactions mark the key. */
export const withRequestKey = <T>(tenantId: string, request: RequestKey, fn: () => Promise<T>) =>
  scope.run({ ...request, tenantId, marked: false }, fn);

/** Called inside every tenant write transaction: the first one of a keyed request marks it. */
export async function markRequest(sql: Sql, tenantId: string): Promise<void> {
  const current = scope.getStore();
  if (!current || current.marked || current.tenantId !== tenantId) return;
  const r = await sql.query(
    `INSERT INTO request_marks (tenant_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL, content_type = NULL,
       body = NULL, created_at = now()
     WHERE request_marks.created_at < $4`,
    [tenantId, current.key, current.hash, current.since],
  );
  if (r.rowCount === 0) throw conflict('a request with this Idempotency-Key was carried out already');
  current.marked = true;
}

/** Keeps the answer of a keyed request that wrote something (called once it is serialised). */
export async function keepAnswer(db: Database, tenantId: string, key: string, answer: KeptAnswer): Promise<void> {
  await db.withTenant(tenantId, (sql) =>
    sql.query(`UPDATE request_marks SET status = $2, content_type = $3, body = $4 WHERE key = $1 AND status IS NULL`, [
      key, answer.status, answer.contentType, answer.body,
    ]));
}

/** Whether the current keyed request wrote (and marked) anything. */
export const requestMarked = () => scope.getStore()?.marked === true;
