import { createHash } from 'node:crypto';
import { AppError, conflict, type Database } from '@tandem/platform';

/** An answer as the client got it: kept byte for byte, so any body a service can send can be kept. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** How long an answer is kept: after that the key is forgotten, and a request with it runs anew. */
export const KEY_TTL = '24 hours';
/**
 * A claim still without an answer after this long belongs to a gateway that stopped mid-request
 * (no request runs that long): a retry may take it over instead of getting 409 forever.
 */
export const ABANDONED_AFTER = '10 minutes';

const reused = () => new AppError(422, 'idempotency-key-reused', 'this Idempotency-Key was used with a different request');

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its answer is kept for
 * KEY_TTL; a retry with the same key, body and API key gets the same answer without running
 * again; the same key with a different body, or from another API key, is a 422 (an answer is
 * never shown to a key that did not ask for it); a retry while the first still runs is a 409.
 */
export class IdempotencyStore {
  constructor(private readonly db: Database) {}

  static requestHash(method: string, path: string, body: string): string {
    return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
  }

  /**
   * Returns the stored answer to replay, or when the key's claim began after claiming it for this
   * request (a claim taken over from a stopped gateway keeps its beginning: the service may have
   * carried the request out since, see request-marks.ts in the platform).
   */
  async begin(tenantId: string, apiKeyId: string, key: string, requestHash: string): Promise<StoredResponse | { claimedSince: string }> {
    return this.db.withTenant(tenantId, async (sql) => {
      // The tenant's expired keys go as its next key is claimed (indexed; usually nothing to delete).
      await sql.query(`DELETE FROM idempotency_keys WHERE tenant_id = $1 AND created_at < now() - $2::interval`, [tenantId, KEY_TTL]);
      const claimed = await sql.query<{ first_claimed_at: Date | string }>(
        `INSERT INTO idempotency_keys (tenant_id, key, api_key_id, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, api_key_id = EXCLUDED.api_key_id, status = NULL,
               response_headers = NULL, response_body = NULL, created_at = now()
           WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - $5::interval
             AND idempotency_keys.api_key_id = EXCLUDED.api_key_id
         RETURNING first_claimed_at`,
        [tenantId, key, apiKeyId, requestHash, ABANDONED_AFTER],
      );
      const since = claimed.rows[0]?.first_claimed_at;
      if (since) return { claimedSince: new Date(since).toISOString() };
      const r = await sql.query<{ request_hash: string; api_key_id: string; status: number | null; response_headers: Record<string, string> | null; response_body: Buffer | Uint8Array | null }>(
        `SELECT request_hash, api_key_id, status, response_headers, response_body FROM idempotency_keys WHERE key = $1`,
        [key],
      );
      const row = r.rows[0]!;
      if (row.api_key_id !== apiKeyId || row.request_hash !== requestHash) throw reused();
      if (row.status === null) throw conflict('a request with this Idempotency-Key is still in progress');
      return { status: row.status, headers: row.response_headers ?? {}, body: Buffer.from(row.response_body ?? []) };
    });
  }

  /** Keeps a final answer; a server error releases the key so the client can retry. */
  async finish(tenantId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.withTenant(tenantId, (sql) =>
      response.status >= 500
        ? sql.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key])
        : sql.query(`UPDATE idempotency_keys SET status = $2, response_headers = $3, response_body = $4 WHERE key = $1`, [
          key, response.status, JSON.stringify(response.headers), response.body,
        ]),
    );
  }
}
