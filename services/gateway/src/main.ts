import { loadConfig, runServiceProcess } from '@tandem/platform';
import { z } from 'zod';
import { gatewayService } from './index';

const env = loadConfig(
  z.object({
    TANDEM_OPERATOR_KEY: z.string().min(24, 'TANDEM_OPERATOR_KEY must be at least 24 characters'),
    TANDEM_INTERNAL_SECRET: z.string().min(16),
    ENROLLMENT_URL: z.string().url(),
    MATCHING_URL: z.string().url(),
    SCHEDULING_URL: z.string().url(),
    SURVEYS_URL: z.string().url(),
    ANALYTICS_URL: z.string().url(),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  }),
);

await runServiceProcess(
  gatewayService({
    operatorKey: env.TANDEM_OPERATOR_KEY,
    internalSecret: env.TANDEM_INTERNAL_SECRET,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    upstreams: {
      enrollment: env.ENROLLMENT_URL,
      matching: env.MATCHING_URL,
      scheduling: env.SCHEDULING_URL,
      surveys: env.SURVEYS_URL,
      analytics: env.ANALYTICS_URL,
    },
  }),
  8080,
);
