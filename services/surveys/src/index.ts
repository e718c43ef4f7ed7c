import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { assignmentRoutes } from './assignments';
import { scheduleFollowUps } from './follow-ups';
import { surveyHandlers } from './handlers';
import { responseRoutes } from './responses';

export { sendDueFollowUps } from './follow-ups';

export interface SurveysOptions {
  /** Days after a program closes that the follow-up survey goes out. Default 90. */
  followUpAfterDays?: number;
  /** How often due follow-ups are looked for; 0 turns the timer off. Default one hour. */
  followUpCheckEveryMs?: number;
  /** The check's notion of now. */
  clock?: () => Date;
}

/** Surveys at set moments of a program (baseline, pulse after sessions, end, follow-up) and their answers. */
export function createSurveysService(options: SurveysOptions = {}): ServiceDefinition {
  const { followUpAfterDays = 90, followUpCheckEveryMs = 3_600_000, clock = () => new Date() } = options;
  return {
    name: 'surveys',
    auth: 'tenant-context',
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes(app, ctx) {
      assignmentRoutes(app, ctx);
      responseRoutes(app, ctx);
      scheduleFollowUps(app, ctx, { afterDays: followUpAfterDays, everyMs: followUpCheckEveryMs, clock });
    },
    handlers(ctx) {
      return surveyHandlers(ctx, followUpAfterDays);
    },
  };
}

export const surveysService = createSurveysService();
