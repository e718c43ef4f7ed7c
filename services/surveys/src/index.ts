import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
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

export const surveysConfig = z.object({
  FOLLOW_UP_SURVEY_AFTER_DAYS: z.coerce.number().positive().default(90),
  FOLLOW_UP_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(3600),
});
export type SurveysConfig = z.infer<typeof surveysConfig>;

/** Surveys at set moments of a program (baseline, pulse after sessions, end, follow-up) and their answers. */
export function createSurveysService(options: SurveysOptions = {}): ServiceDefinition<SurveysConfig> {
  const settings = (c: SurveysConfig) => ({
    followUpAfterDays: options.followUpAfterDays ?? c.FOLLOW_UP_SURVEY_AFTER_DAYS,
    followUpCheckEveryMs: options.followUpCheckEveryMs ?? c.FOLLOW_UP_CHECK_INTERVAL_SECONDS * 1000,
    clock: options.clock ?? (() => new Date()),
  });
  return {
    name: 'surveys',
    config: surveysConfig,
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes(app, ctx) {
      const { followUpAfterDays, followUpCheckEveryMs, clock } = settings(ctx.config);
      assignmentRoutes(app, ctx);
      responseRoutes(app, ctx);
      scheduleFollowUps(app, ctx, { afterDays: followUpAfterDays, everyMs: followUpCheckEveryMs, clock });
    },
    handlers(ctx) {
      return surveyHandlers(ctx, settings(ctx.config).followUpAfterDays);
    },
  };
}

export const surveysService = createSurveysService();
