import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthorized, type Caller, type Database } from '@tandem/platform';

export const newApiKey = () => `tdm_${randomBytes(32).toString('base64url')}`;
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Verified keys are remembered briefly so a request costs no query; revocation clears them here at once. */
const CACHE_MS = 5_000;

/** Turns `Authorization: Bearer <key>` into a caller, or a 401/403. */
export class KeyResolver {
  private readonly operatorHash: Buffer;
  private readonly cache = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly db: Database,
    operatorKey: string,
  ) {
    this.operatorHash = Buffer.from(hashKey(operatorKey), 'hex');
  }

  async resolve(authorization: string | undefined): Promise<Caller> {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!key) throw unauthorized();
    const hash = hashKey(key);
    if (timingSafeEqual(Buffer.from(hash, 'hex'), this.operatorHash)) return { role: 'operator' };
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.caller;
    const r = await this.db.asOwner((sql) =>
      sql.query<{ id: string; tenant_id: string; role: 'admin' | 'participant'; participant_id: string | null; tenant_status: string }>(
        `SELECT k.id, k.tenant_id, k.role, k.participant_id, t.status AS tenant_status
         FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
         WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
        [hash],
      ),
    );
    const row = r.rows[0];
    if (!row) throw unauthorized('unknown or revoked API key');
    if (row.tenant_status !== 'active') throw forbidden('this tenant is suspended');
    const caller: Caller = {
      tenantId: row.tenant_id, role: row.role, keyId: row.id,
      ...(row.participant_id ? { participantId: row.participant_id } : {}),
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { caller, until: Date.now() + CACHE_MS });
    return caller;
  }

  forgetKeysOf(predicate: (caller: Caller) => boolean): void {
    for (const [hash, entry] of this.cache) if (predicate(entry.caller)) this.cache.delete(hash);
  }
}
