import type { ServiceDefinition } from '@tandem/platform';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
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

export const analyticsConfig = z.object({
  AT_RISK_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  DASHBOARD_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
});
export type AnalyticsConfig = z.infer<typeof analyticsConfig>;

/** KPI read models built from every service's events, program dashboards, and the at-risk check. */
export function createAnalyticsService(options: AnalyticsOptions = {}): ServiceDefinition<AnalyticsConfig> {
  return {
    name: 'analytics',
    config: analyticsConfig,
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    routes(app, ctx) {
      dashboardRoutes(app, ctx, options.dashboardTtlSeconds ?? ctx.config.DASHBOARD_CACHE_TTL_SECONDS);
      scheduleAtRiskChecks(app, ctx, options.atRiskCheckEveryMs ?? ctx.config.AT_RISK_CHECK_INTERVAL_SECONDS * 1000, options.clock ?? (() => new Date()));
    },
    handlers: () => projectionHandlers(),
  };
}

export const analyticsService = createAnalyticsService();
