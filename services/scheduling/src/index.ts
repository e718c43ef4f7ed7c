import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
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

/** Meeting plans and sessions: accepted matches get check-ins on the program's cadence, in both people's hours. */
export function createSchedulingService(options: SchedulingOptions = {}): ServiceDefinition {
  const { missedCheckEveryMs = 15 * 60_000, missedAfterMs = 48 * 3_600_000, clock = () => new Date() } = options;
  return {
    name: 'scheduling',
    auth: 'tenant-context',
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes(app, ctx) {
      sessionRoutes(app, ctx);
      scheduleMissedSessionChecks(app, ctx, { everyMs: missedCheckEveryMs, missedAfterMs, clock });
    },
    handlers(ctx) {
      return [...projectionHandlers(ctx.name), ...matchHandlers(ctx.name)];
    },
  };
}

export const schedulingService = createSchedulingService();
