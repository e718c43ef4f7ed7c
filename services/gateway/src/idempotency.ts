import { createHash } from 'node:crypto';
import { AppError, conflict, type Database } from '@tandem/platform';

export interface StoredResponse { status: number; body: unknown }

/** How long an answer is kept: after that the key is forgotten, and a request with it runs anew. */
export const KEY_TTL = '24 hours';
/**
 * A claim still without an answer after this long belongs to a gateway that stopped mid-request
 * (no request runs that long): a retry may take it over instead of getting 409 forever.
 */
export const ABANDONED_AFTER = '10 minutes';

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its answer is kept for
 * KEY_TTL; a retry with the same key and body gets the same answer without running again; the
 * same key with a different body is a 422; a retry while the first is still running is a 409.
 */
export class IdempotencyStore {
  constructor(private readonly db: Database) {}

  static requestHash(method: string, path: string, body: string): string {
    return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
  }

  /** Returns the stored answer to replay, or undefined after claiming the key for this request. */
  async begin(tenantId: string, key: string, requestHash: string): Promise<StoredResponse | undefined> {
    return this.db.withTenant(tenantId, async (sql) => {
      // The tenant's expired keys go as its next key is claimed (indexed; usually nothing to delete).
      await sql.query(`DELETE FROM idempotency_keys WHERE tenant_id = $1 AND created_at < now() - $2::interval`, [tenantId, KEY_TTL]);
      const claimed = await sql.query(
        `INSERT INTO idempotency_keys (tenant_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status = NULL, response = NULL, created_at = now()
           WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - $4::interval`,
        [tenantId, key, requestHash, ABANDONED_AFTER],
      );
      if (claimed.rowCount === 1) return undefined;
      const r = await sql.query<{ request_hash: string; status: number | null; response: unknown }>(
        `SELECT request_hash, status, response FROM idempotency_keys WHERE key = $1`,
        [key],
      );
      const row = r.rows[0]!;
      if (row.request_hash !== requestHash) {
        throw new AppError(422, 'idempotency-key-reused', 'this Idempotency-Key was used with a different request');
      }
      if (row.status === null) throw conflict('a request with this Idempotency-Key is still in progress');
      return { status: row.status, body: row.response };
    });
  }

  /** Keeps a final answer; a server error releases the key so the client can retry. */
  async finish(tenantId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.withTenant(tenantId, (sql) =>
      response.status >= 500
        ? sql.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key])
        : sql.query(`UPDATE idempotency_keys SET status = $2, response = $3 WHERE key = $1`, [
          key, response.status, JSON.stringify(response.body ?? null),
        ]),
    );
  }
}
