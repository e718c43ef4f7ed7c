import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { gatewayConfig, type GatewayConfig } from './config';
import { docsRoutes } from './docs';
import { gatewayAuthenticate } from './edge';
import { identityRoutes } from './identity';
import { KeyResolver } from './keys';
import { proxyRoutes } from './proxy';

export { gatewayConfig, type GatewayConfig } from './config';

/** The public front door: identity, API keys, rate limits, idempotency, OpenAPI and docs, and routing. */
export const gatewayService: ServiceDefinition<GatewayConfig> = {
  name: 'gateway',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  config: gatewayConfig,
  async routes(app, ctx) {
    const keys = new KeyResolver(ctx.db, ctx.config.TANDEM_OPERATOR_KEY);
    app.tandemEndpoints.authenticate = await gatewayAuthenticate(app, ctx.config, keys);
    await docsRoutes(app);
    identityRoutes(app, ctx, keys);
    proxyRoutes(app, ctx);
  },
};
