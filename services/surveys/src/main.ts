import { loadConfig, runServiceProcess } from '@tandem/platform';
import { z } from 'zod';
import { createSurveysService } from './index';

const env = loadConfig(
  z.object({
    FOLLOW_UP_SURVEY_AFTER_DAYS: z.coerce.number().positive().default(90),
    FOLLOW_UP_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(3600),
  }),
);

await runServiceProcess(
  createSurveysService({
    followUpAfterDays: env.FOLLOW_UP_SURVEY_AFTER_DAYS,
    followUpCheckEveryMs: env.FOLLOW_UP_CHECK_INTERVAL_SECONDS * 1000,
  }),
  8084,
);
