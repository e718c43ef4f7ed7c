import { AppError, forbidden, signTenantContext, TENANT_CONTEXT_HEADER, type ServiceContext } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { IdempotencyStore } from './idempotency';
import { routes, type Upstream } from './routes';

export interface ProxyOptions {
  upstreams: Record<Upstream, string>;
  internalSecret: string;
}

/**
 * Forwards the public API to the service that owns each route, with the caller's tenant in a
 * signed, short-lived context; the undici instrumentation adds a client span and its `traceparent`.
 */
export function proxyRoutes(app: FastifyInstance, ctx: ServiceContext, options: ProxyOptions): void {
  const idempotency = new IdempotencyStore(ctx.db);

  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.path.replace(/\{([^}]+)\}/g, ':$1'),
      handler: async (request, reply) => {
        const caller = request.caller;
        if (caller.kind !== 'tenant') throw forbidden('operator keys manage tenants, not their data');
        const body = request.body === undefined ? undefined : JSON.stringify(request.body);
        const idempotencyKey = spec.method === 'POST' ? (request.headers['idempotency-key'] as string | undefined) : undefined;
        if (idempotencyKey !== undefined && !/^[\w.:-]{1,200}$/.test(idempotencyKey)) {
          throw new AppError(400, 'validation', 'Idempotency-Key must be 1-200 characters of letters, digits, _ . : -');
        }
        if (idempotencyKey) {
          const hash = IdempotencyStore.requestHash(spec.method, request.url, body ?? '');
          const stored = await idempotency.begin(caller.tenantId, idempotencyKey, hash);
          if (stored) {
            return reply.status(stored.status).header('idempotent-replayed', 'true')
              .type(stored.status >= 400 ? 'application/problem+json' : 'application/json').send(stored.body);
          }
        }
        const headers: Record<string, string> = {
          [TENANT_CONTEXT_HEADER]: signTenantContext(
            { tenantId: caller.tenantId, role: caller.role, participantId: caller.participantId, keyId: caller.keyId },
            options.internalSecret,
          ),
        };
        if (body !== undefined) headers['content-type'] = 'application/json';
        let upstream: Response;
        try {
          upstream = await fetch(`${options.upstreams[spec.upstream]}${request.url}`, { method: spec.method, headers, body });
        } catch (error) {
          if (idempotencyKey) await idempotency.finish(caller.tenantId, idempotencyKey, { status: 502, body: null });
          request.log.warn({ err: error, upstream: spec.upstream }, 'upstream unreachable');
          throw new AppError(502, 'upstream-unavailable', `the ${spec.upstream} service is unavailable; retry later`);
        }
        const text = await upstream.text();
        if (idempotencyKey) {
          await idempotency.finish(caller.tenantId, idempotencyKey, { status: upstream.status, body: text ? JSON.parse(text) : null });
        }
        return reply.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json').send(text || undefined);
      },
    });
  }
}
