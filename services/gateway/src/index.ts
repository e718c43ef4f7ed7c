import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { identityRoutes } from './identity';
import { KeyResolver } from './keys';
import { openApiDocument } from './openapi';
import { proxyRoutes } from './proxy';
import { TenantRateLimiter } from './rate-limit';
import type { Upstream } from './routes';

export interface GatewayOptions {
  operatorKey: string;
  internalSecret: string;
  upstreams: Record<Upstream, string>;
  /** Requests a minute per tenant, per gateway instance. */
  rateLimitPerMinute: number;
}

/** The public front door: identity, API keys, rate limits, idempotency, OpenAPI, and routing. */
export function gatewayService(options: GatewayOptions): ServiceDefinition {
  return {
    name: 'gateway',
    auth: 'none',
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes(app, ctx) {
      const keys = new KeyResolver(ctx.db, options.operatorKey);
      const limiter = new TenantRateLimiter(options.rateLimitPerMinute);
      app.decorateRequest('caller', null as never);
      app.addHook('onRequest', async (request) => {
        if (!request.url.startsWith('/v1/') || request.url.startsWith('/v1/openapi.json')) return;
        request.caller = await keys.resolve(request.headers.authorization);
        if (request.caller.kind === 'tenant') limiter.take(request.caller.tenantId);
      });
      const document = openApiDocument();
      app.get('/v1/openapi.json', async () => document);
      identityRoutes(app, ctx, keys);
      proxyRoutes(app, ctx, options);
    },
  };
}

export { routes } from './routes';
