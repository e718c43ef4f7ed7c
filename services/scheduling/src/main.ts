import { loadConfig, runServiceProcess } from '@tandem/platform';
import { z } from 'zod';
import { createSchedulingService } from './index';

const env = loadConfig(
  z.object({
    MISSED_SESSION_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(900),
    SESSION_MISSED_AFTER_HOURS: z.coerce.number().positive().default(48),
  }),
);

await runServiceProcess(
  createSchedulingService({
    missedCheckEveryMs: env.MISSED_SESSION_CHECK_INTERVAL_SECONDS * 1000,
    missedAfterMs: env.SESSION_MISSED_AFTER_HOURS * 3_600_000,
  }),
  8083,
);
