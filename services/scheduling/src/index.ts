import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { matchHandlers } from './match-events';
import { projectionHandlers } from './projections';
import { sessionRoutes } from './sessions';

/** Meeting plans and sessions: accepted matches get check-ins on the program's cadence, in both people's hours. */
export const schedulingService: ServiceDefinition = {
  name: 'scheduling',
  auth: 'tenant-context',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes(app, ctx) {
    sessionRoutes(app, ctx);
  },
  handlers(ctx) {
    return [...projectionHandlers(), ...matchHandlers(ctx.name)];
  },
};
