import { createHash } from 'node:crypto';
import { endpointList, routePath, type AnyEndpoint } from '@tandem/contracts';
import { AppError, authenticateFor, signTenantContext, TENANT_CONTEXT_HEADER, type ServiceContext, type TenantContext } from '@tandem/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Pool, errors as undiciErrors } from 'undici';
import { upstreamUrl, type GatewayConfig, type Upstream } from './config';
import { IdempotencyStore, type StoredResponse } from './idempotency';

/** Hop-by-hop and framing headers are the gateway's own business, never copied from a service. */
const notForwarded = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date', 'traceparent', 'tracestate']);
/** What a client may tell a service beyond its body: its content type, what it accepts, its language. */
const forwardedRequestHeaders = ['content-type', 'accept', 'accept-language'] as const;

/**
 * Forwards every endpoint the registry gives to a service, over a keep-alive connection pool per
 * service (undici), with the caller's tenant in a signed, short-lived context (the undici
 * instrumentation adds a client span and its `traceparent`). Status, body and headers (Location, Retry-After, content type…) come
 * back as the service sent them; an Idempotency-Key replays a kept answer instead.
 */
export function proxyRoutes(app: FastifyInstance, ctx: ServiceContext<GatewayConfig>): void {
  const config = ctx.config;
  const idempotency = new IdempotencyStore(ctx.db);
  const pools = new Map<Upstream, Pool>();
  const timeout = config.UPSTREAM_TIMEOUT_SECONDS * 1000;
  const poolOf = (service: Upstream) => {
    let pool = pools.get(service);
    if (!pool) {
      pool = new Pool(upstreamUrl(config, service), { connections: 64, headersTimeout: timeout, bodyTimeout: timeout, keepAliveTimeout: 30_000 });
      pools.set(service, pool);
    }
    return pool;
  };
  app.addHook('onClose', async () => {
    await Promise.all([...pools.values()].map((p) => p.close()));
  });

  for (const endpoint of endpointList) {
    if (endpoint.service === 'gateway') continue;
    const service = endpoint.service;
    app.route({
      method: endpoint.method,
      url: routePath(endpoint.path),
      onRequest: authenticateFor(app, endpoint),
      handler: async (request, reply) => {
        const caller = request.caller as TenantContext | undefined;
        const body = request.rawBody;
        const key = idempotencyKeyOf(request, endpoint);
        let keyed: { key: string; hash: string; since: string } | undefined;
        if (key && caller) {
          const hash = IdempotencyStore.requestHash(endpoint.method, request.url, body ?? '');
          const claim = await idempotency.begin(caller.tenantId, caller.keyId, key, hash);
          if (!('claimedSince' in claim)) return send(reply.header('idempotent-replayed', 'true'), claim);
          keyed = { key: keyScope(caller.keyId, key), hash, since: claim.claimedSince };
        }
        let answer: StoredResponse;
        try {
          answer = await forward(poolOf(service), request, endpoint, body, caller, ctx.internalSecret, keyed);
        } catch (error) {
          if (key && caller) await idempotency.finish(caller.tenantId, key, { status: 502, headers: {}, body: Buffer.alloc(0) });
          request.log.warn({ err: error, upstream: service }, 'upstream failed');
          if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
            throw new AppError(504, 'upstream-timeout', `the ${service} service did not answer in time; retry later`);
          }
          throw new AppError(502, 'upstream-unavailable', `the ${service} service is unavailable; retry later`);
        }
        if (key && caller) await idempotency.finish(caller.tenantId, key, answer);
        return send(reply, answer);
      },
    });
  }
}

/** The service keeps a keyed request under the API key and the client's key, so keys of different callers never meet. */
export const keyScope = (apiKeyId: string, key: string) => createHash('sha256').update(`${apiKeyId}\n${key}`).digest('hex');

function idempotencyKeyOf(request: FastifyRequest, endpoint: AnyEndpoint): string | undefined {
  if (endpoint.method !== 'POST') return undefined;
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\w.:-]{1,200}$/.test(key)) {
    throw new AppError(400, 'validation', 'Idempotency-Key must be 1-200 characters of letters, digits, _ . : -', [
      { path: 'headers.idempotency-key', message: 'must be 1-200 characters of letters, digits, _ . : -' },
    ]);
  }
  return key;
}

async function forward(
  pool: Pool, request: FastifyRequest, endpoint: AnyEndpoint, body: string | undefined, caller: TenantContext | undefined, secret: string,
  idempotency: { key: string; hash: string; since: string } | undefined,
): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  for (const name of forwardedRequestHeaders) {
    const value = request.headers[name];
    if (typeof value === 'string' && (name !== 'content-type' || body !== undefined)) headers[name] = value;
  }
  if (caller) {
    headers[TENANT_CONTEXT_HEADER] = signTenantContext(
      { tenantId: caller.tenantId, role: caller.role, participantId: caller.participantId, keyId: caller.keyId, ...(idempotency ? { idempotency } : {}) },
      secret,
    );
  }
  const response = await pool.request({ method: endpoint.method, path: request.url, headers, body });
  const answer: StoredResponse = { status: response.statusCode, headers: {}, body: Buffer.from(await response.body.arrayBuffer()) };
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !notForwarded.has(name)) answer.headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return answer;
}

function send(reply: FastifyReply, answer: StoredResponse): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).send(answer.body.length > 0 ? answer.body : undefined);
}
