import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { manualMatchRoutes } from './manual-match';
import { matchRoutes } from './match-routes';
import { projectionHandlers } from './projections';
import { runRoutes } from './run-routes';
import { suggestionRoutes } from './suggestions';

/** Matching runs, matches and their lifecycle, over a projection of programs and approved enrollments. */
export const matchingService: ServiceDefinition = {
  name: 'matching',
  auth: 'tenant-context',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes(app, ctx) {
    runRoutes(app, ctx);
    matchRoutes(app, ctx);
    manualMatchRoutes(app, ctx);
    suggestionRoutes(app, ctx);
  },
  handlers: () => projectionHandlers(),
};
