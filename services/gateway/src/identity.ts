import { endpoints } from '@tandem/contracts';
import {
  conflict, createEvent, implement, notFound, toPage, uuidv7, writeToOutbox, type ServiceContext, type Sql,
} from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from './config';
import { hashKey, newApiKey, type KeyResolver } from './keys';

interface TenantRow { id: string; name: string; slug: string; status: 'active' | 'suspended'; created_at: Date }
interface KeyRow { id: string; name: string; role: 'admin' | 'participant'; participant_id: string | null; prefix: string; created_at: Date; revoked_at: Date | null }

const tenantView = (t: TenantRow) => ({ id: t.id, name: t.name, slug: t.slug, status: t.status, createdAt: t.created_at.toISOString() });
const keyView = (k: KeyRow) => ({
  id: k.id, name: k.name, role: k.role, participantId: k.participant_id, prefix: k.prefix,
  createdAt: k.created_at.toISOString(), revokedAt: k.revoked_at?.toISOString() ?? null,
});

const insertKey = async (sql: Sql, tenantId: string, k: { name: string; role: string; participantId?: string }) => {
  const key = newApiKey();
  const r = await sql.query<KeyRow>(
    `INSERT INTO api_keys (id, tenant_id, name, role, participant_id, key_hash, prefix)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [uuidv7(), tenantId, k.name, k.role, k.participantId ?? null, hashKey(key), key.slice(0, 12)],
  );
  return { row: r.rows[0]!, key };
};

/** Tenants (operator) and API keys (tenant admins): the identity the gateway owns. */
export function identityRoutes(app: FastifyInstance, ctx: ServiceContext<GatewayConfig>, keys: KeyResolver): void {
  implement(app, endpoints.createTenant, async ({ body }) => {
    const id = uuidv7();
    // The new tenant's own transaction: row-level security applies to its first admin key too.
    const result = await ctx.transaction(id, async (sql) => {
      const t = await sql.query<TenantRow>(
        `INSERT INTO tenants (id, name, slug) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING *`,
        [id, body.name, body.slug],
      );
      if (!t.rows[0]) throw conflict(`slug ${body.slug} is taken`);
      const { key } = await insertKey(sql, id, { name: 'initial admin key', role: 'admin' });
      await writeToOutbox(sql, [createEvent(ctx.name, id, 'tenancy.tenant.created', id, { tenantId: id, name: body.name, slug: body.slug })]);
      return { tenant: t.rows[0], key };
    });
    return { ...tenantView(result.tenant), adminApiKey: result.key };
  });

  implement(app, endpoints.listTenants, async ({ query }) => {
    const r = await ctx.db.asOwner((sql) =>
      sql.query<TenantRow>(`SELECT * FROM tenants WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`, [query.cursor ?? null, query.limit + 1]),
    );
    return toPage(r.rows, query.limit, tenantView);
  });

  implement(app, endpoints.getTenant, async ({ params }) => {
    const r = await ctx.db.asOwner((sql) => sql.query<TenantRow>(`SELECT * FROM tenants WHERE id = $1`, [params.id]));
    if (!r.rows[0]) throw notFound('tenant');
    return tenantView(r.rows[0]);
  });

  implement(app, endpoints.suspendTenant, async ({ params }) => {
    const { id } = params;
    const row = await ctx.transaction(id, async (sql) => {
      const r = await sql.query<TenantRow>(`UPDATE tenants SET status = 'suspended' WHERE id = $1 RETURNING *`, [id]);
      if (!r.rows[0]) throw notFound('tenant');
      await writeToOutbox(sql, [createEvent(ctx.name, id, 'tenancy.tenant.suspended', id, { tenantId: id })]);
      return r.rows[0];
    });
    keys.forgetKeysOf((c) => c.role !== 'operator' && c.tenantId === id);
    return tenantView(row);
  });

  implement(app, endpoints.createApiKey, async ({ body, caller }) => {
    const { row, key } = await ctx.transaction(caller.tenantId, (sql) => insertKey(sql, caller.tenantId, body));
    return { ...keyView(row), key };
  });

  implement(app, endpoints.listApiKeys, async ({ query, caller }) => {
    const r = await ctx.db.withTenant(caller.tenantId, (sql) =>
      sql.query<KeyRow>(`SELECT * FROM api_keys WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`, [query.cursor ?? null, query.limit + 1]),
    );
    return toPage(r.rows, query.limit, keyView);
  });

  implement(app, endpoints.revokeApiKey, async ({ params, caller }) => {
    const r = await ctx.db.withTenant(caller.tenantId, (sql) =>
      sql.query(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [params.id]),
    );
    if (r.rowCount === 0) throw notFound('API key');
    keys.forgetKeysOf((c) => c.role !== 'operator' && c.keyId === params.id);
    return null;
  });
}
