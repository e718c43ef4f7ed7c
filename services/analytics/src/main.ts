import { loadConfig, runServiceProcess } from '@tandem/platform';
import { z } from 'zod';
import { createAnalyticsService } from './index';

const env = loadConfig(
  z.object({
    AT_RISK_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
    DASHBOARD_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(60),
  }),
);

await runServiceProcess(
  createAnalyticsService({
    atRiskCheckEveryMs: env.AT_RISK_CHECK_INTERVAL_SECONDS * 1000,
    dashboardTtlSeconds: env.DASHBOARD_CACHE_TTL_SECONDS,
  }),
  8085,
);
