import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { enrollmentRoutes } from './enrollments';
import { participantRoutes } from './participants';
import { programRoutes } from './programs';

/** Programs, participants and enrollments: the source of truth the other services project. */
export const enrollmentService: ServiceDefinition = {
  name: 'enrollment',
  config: z.object({}),
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes(app, ctx) {
    programRoutes(app, ctx);
    enrollmentRoutes(app, ctx);
    participantRoutes(app, ctx);
  },
};
