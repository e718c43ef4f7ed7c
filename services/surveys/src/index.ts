import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { assignmentRoutes } from './assignments';
import { surveyHandlers } from './handlers';
import { responseRoutes } from './responses';

/** Surveys at set moments of a program (baseline, pulse after sessions, end) and their answers. */
export const surveysService: ServiceDefinition = {
  name: 'surveys',
  auth: 'tenant-context',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes(app, ctx) {
    assignmentRoutes(app, ctx);
    responseRoutes(app, ctx);
  },
  handlers(ctx) {
    return surveyHandlers(ctx);
  },
};
