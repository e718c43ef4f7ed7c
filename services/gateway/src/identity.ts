import { apiKeyCreate, tenantCreate } from '@tandem/contracts';
import {
  conflict, createEvent, forbidden, notFound, parseInput, parsePageQuery, toPage, uuidv7, writeToOutbox,
  type ServiceContext,
} from '@tandem/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hashKey, newApiKey, type Caller, type KeyResolver } from './keys';

interface TenantRow { id: string; name: string; slug: string; status: string; created_at: Date }
interface KeyRow { id: string; name: string; role: string; participant_id: string | null; prefix: string; created_at: Date; revoked_at: Date | null }

const tenantView = (t: TenantRow) => ({ id: t.id, name: t.name, slug: t.slug, status: t.status, createdAt: t.created_at.toISOString() });
const keyView = (k: KeyRow) => ({
  id: k.id, name: k.name, role: k.role, participantId: k.participant_id, prefix: k.prefix,
  createdAt: k.created_at.toISOString(), revokedAt: k.revoked_at?.toISOString() ?? null,
});
const idParam = z.object({ id: z.uuid() });

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

export function operatorOnly(request: FastifyRequest): void {
  if (request.caller.kind !== 'operator') throw forbidden('operator keys only');
}
export function adminOf(request: FastifyRequest): string {
  const c = request.caller;
  if (c.kind !== 'tenant') throw forbidden('operator keys manage tenants, not their data');
  if (c.role !== 'admin') throw forbidden('tenant admins only');
  return c.tenantId;
}

/** Tenants (operator) and API keys (tenant admins): the identity the gateway owns. */
export function identityRoutes(app: FastifyInstance, ctx: ServiceContext, keys: KeyResolver): void {
  const insertKey = async (
    sql: Parameters<Parameters<ServiceContext['transaction']>[1]>[0],
    tenantId: string,
    k: { name: string; role: string; participantId?: string },
  ) => {
    const key = newApiKey();
    const r = await sql.query<KeyRow>(
      `INSERT INTO api_keys (id, tenant_id, name, role, participant_id, key_hash, prefix)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [uuidv7(), tenantId, k.name, k.role, k.participantId ?? null, hashKey(key), key.slice(0, 12)],
    );
    return { row: r.rows[0]!, key };
  };

  app.post('/v1/tenants', async (request, reply) => {
    operatorOnly(request);
    const body = parseInput(tenantCreate, request.body);
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
    return reply.status(201).send({ ...tenantView(result.tenant), adminApiKey: result.key });
  });

  app.get('/v1/tenants', async (request) => {
    operatorOnly(request);
    const q = parsePageQuery(request.query);
    const r = await ctx.db.asOwner((sql) =>
      sql.query<TenantRow>(`SELECT * FROM tenants WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`, [q.cursor ?? null, q.limit + 1]),
    );
    return toPage(r.rows, q.limit, tenantView);
  });

  app.get('/v1/tenants/:id', async (request) => {
    operatorOnly(request);
    const { id } = parseInput(idParam, request.params, 'params');
    const r = await ctx.db.asOwner((sql) => sql.query<TenantRow>(`SELECT * FROM tenants WHERE id = $1`, [id]));
    if (!r.rows[0]) throw notFound('tenant');
    return tenantView(r.rows[0]);
  });

  app.post('/v1/tenants/:id/suspend', async (request) => {
    operatorOnly(request);
    const { id } = parseInput(idParam, request.params, 'params');
    const row = await ctx.transaction(id, async (sql) => {
      const r = await sql.query<TenantRow>(`UPDATE tenants SET status = 'suspended' WHERE id = $1 RETURNING *`, [id]);
      if (!r.rows[0]) throw notFound('tenant');
      await writeToOutbox(sql, [createEvent(ctx.name, id, 'tenancy.tenant.suspended', id, { tenantId: id })]);
      return r.rows[0];
    });
    keys.forgetKeysOf((c) => c.kind === 'tenant' && c.tenantId === id);
    return tenantView(row);
  });

  app.post('/v1/api-keys', async (request, reply) => {
    const tenantId = adminOf(request);
    const body = parseInput(apiKeyCreate, request.body);
    const { row, key } = await ctx.transaction(tenantId, (sql) => insertKey(sql, tenantId, body));
    return reply.status(201).send({ ...keyView(row), key });
  });

  app.get('/v1/api-keys', async (request) => {
    const tenantId = adminOf(request);
    const q = parsePageQuery(request.query);
    const r = await ctx.db.withTenant(tenantId, (sql) =>
      sql.query<KeyRow>(`SELECT * FROM api_keys WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`, [q.cursor ?? null, q.limit + 1]),
    );
    return toPage(r.rows, q.limit, keyView);
  });

  app.delete('/v1/api-keys/:id', async (request, reply) => {
    const tenantId = adminOf(request);
    const { id } = parseInput(idParam, request.params, 'params');
    const r = await ctx.db.withTenant(tenantId, (sql) =>
      sql.query(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [id]),
    );
    if (r.rowCount === 0) throw notFound('API key');
    keys.forgetKeysOf((c) => c.kind === 'tenant' && c.keyId === id);
    return reply.status(204).send();
  });
}
