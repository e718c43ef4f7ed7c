import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createEnginePool } from './engine-pool';
import { manualMatchRoutes } from './manual-match';
import { matchRoutes } from './match-routes';
import { projectionHandlers } from './projections';
import { runRoutes } from './run-routes';
import { suggestionRoutes } from './suggestions';

/** Matching runs, matches and their lifecycle, over a projection of programs and approved enrollments. */
export const matchingService: ServiceDefinition = {
  name: 'matching',
  config: z.object({}),
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes(app, ctx) {
    const engine = createEnginePool();
    app.addHook('onClose', () => engine.close());
    runRoutes(app, ctx, engine);
    matchRoutes(app, ctx);
    manualMatchRoutes(app, ctx);
    suggestionRoutes(app, ctx, engine);
  },
  handlers: () => projectionHandlers(),
};
