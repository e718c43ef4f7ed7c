import scalar from '@scalar/fastify-api-reference';
import { openApiDocument } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';

/**
 * GET /v1/openapi.json (generated once from the endpoint registry) and a docs page at /docs,
 * rendered by Scalar's reference from the package itself (no CDN).
 */
export async function docsRoutes(app: FastifyInstance): Promise<void> {
  const document = openApiDocument();
  app.get('/v1/openapi.json', async () => document);
  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/v1/openapi.json', title: 'Tandem API' },
    logLevel: 'warn',
  });
}
