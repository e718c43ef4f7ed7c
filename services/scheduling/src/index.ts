import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { matchHandlers } from './match-events';
import { scheduleMissedSessionChecks } from './missed-sessions';
import { projectionHandlers } from './projections';
import { sessionRoutes } from './sessions';

export { markMissedSessions } from './missed-sessions';

export interface SchedulingOptions {
  /** How often overdue sessions are looked for; 0 turns the timer off. Default 15 minutes. */
  missedCheckEveryMs?: number;
  /** How long after its end a scheduled session that nobody completed counts as missed. Default 48 hours. */
  missedAfterMs?: number;
  /** The check's notion of now. */
  clock?: () => Date;
}

export const schedulingConfig = z.object({
  MISSED_SESSION_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(900),
  SESSION_MISSED_AFTER_HOURS: z.coerce.number().positive().default(48),
});
export type SchedulingConfig = z.infer<typeof schedulingConfig>;

/** Meeting plans and sessions: accepted matches get check-ins on the program's cadence, in both people's hours. */
export function createSchedulingService(options: SchedulingOptions = {}): ServiceDefinition<SchedulingConfig> {
  return {
    name: 'scheduling',
    config: schedulingConfig,
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes(app, ctx) {
      sessionRoutes(app, ctx);
      scheduleMissedSessionChecks(app, ctx, {
        everyMs: options.missedCheckEveryMs ?? ctx.config.MISSED_SESSION_CHECK_INTERVAL_SECONDS * 1000,
        missedAfterMs: options.missedAfterMs ?? ctx.config.SESSION_MISSED_AFTER_HOURS * 3_600_000,
        clock: options.clock ?? (() => new Date()),
      });
    },
    handlers(ctx) {
      return [...projectionHandlers(ctx.name), ...matchHandlers(ctx.name)];
    },
  };
}

export const schedulingService = createSchedulingService();
