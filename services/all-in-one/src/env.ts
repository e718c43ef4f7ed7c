import { platformEnv, portEnv } from '@tandem/platform';
import { z } from 'zod';

/** The all-in-one process's own variables, beside the platform's and every service's (read by each service). */
export const allInOneEnv = platformEnv.extend({
  HOST: z.string().default('127.0.0.1'),
  PORT: portEnv(8080),
  /** Made and logged at start when unset. */
  TANDEM_OPERATOR_KEY: z.string().min(24).optional(),
  TANDEM_SEED_DEMO: z.enum(['true', 'false']).default('true'),
});
