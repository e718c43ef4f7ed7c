import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The gateway's variables (the all-in-one process sets the upstream URLs and may make the operator key). */
export const gatewayConfig = z.object({
  TANDEM_OPERATOR_KEY: z.string().min(24, 'TANDEM_OPERATOR_KEY must be at least 24 characters'),
  ENROLLMENT_URL: z.url(),
  MATCHING_URL: z.url(),
  SCHEDULING_URL: z.url(),
  SURVEYS_URL: z.url(),
  ANALYTICS_URL: z.url(),
  /** Requests a minute per tenant (shared by every gateway when REDIS_URL is set, else per instance). */
  RATE_LIMIT_PER_MINUTE: count(6000),
  /** Requests a minute per client address with a missing or invalid key. */
  AUTH_FAILURES_PER_MINUTE: count(60),
  /** How long a service may take to answer before the gateway gives up with 504. */
  UPSTREAM_TIMEOUT_SECONDS: count(120),
  /** Where rate-limit counters live so several gateways share them; unset: in this process. */
  REDIS_URL: z.url().optional(),
});
export type GatewayConfig = z.infer<typeof gatewayConfig>;

export type Upstream = 'enrollment' | 'matching' | 'scheduling' | 'surveys' | 'analytics';
export const upstreamUrl = (config: GatewayConfig, service: Upstream) => ({
  enrollment: config.ENROLLMENT_URL,
  matching: config.MATCHING_URL,
  scheduling: config.SCHEDULING_URL,
  surveys: config.SURVEYS_URL,
  analytics: config.ANALYTICS_URL,
})[service];
