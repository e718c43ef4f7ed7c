import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { scheduleAtRiskChecks } from './at-risk';
import { dashboardRoutes } from './dashboard';
import { projectionHandlers } from './projections';

export { checkAtRisk, type AtRiskOutcome } from './at-risk';
export { dashboardKey } from './dashboard-cache';

export interface AnalyticsOptions {
  /** How often the at-risk check runs; 0 turns the timer off (the check stays callable). */
  atRiskCheckEveryMs?: number;
  /** How long a computed dashboard may be served from the cache. */
  dashboardTtlSeconds?: number;
  /** The at-risk check's notion of now. */
  clock?: () => Date;
}

/** KPI read models built from every service's events, program dashboards, and the at-risk check. */
export function createAnalyticsService(options: AnalyticsOptions = {}): ServiceDefinition {
  const { atRiskCheckEveryMs = 5 * 60_000, dashboardTtlSeconds = 60, clock = () => new Date() } = options;
  return {
    name: 'analytics',
    auth: 'tenant-context',
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes(app, ctx) {
      dashboardRoutes(app, ctx, dashboardTtlSeconds);
      scheduleAtRiskChecks(app, ctx, atRiskCheckEveryMs, clock);
    },
    handlers: () => projectionHandlers(),
  };
}

export const analyticsService = createAnalyticsService();
