import { z } from 'zod';
import { retentionEnv } from './retention';

/**
 * The one configuration loader: each process declares a zod schema and parses the environment
 * once in main. A bad value fails fast with the variable's name.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** Variables every service process understands. */
export const platformEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL URL; absent means the embedded database (all-in-one only). */
  DATABASE_URL: z.string().url().optional(),
  /** Redis URL; absent means the in-memory cache (all-in-one only). */
  REDIS_URL: z.string().url().optional(),
  /** Comma-separated Kafka brokers; absent means the in-memory bus (all-in-one only). */
  KAFKA_BROKERS: csv.optional(),
  /** Prefix of every topic and consumer group, for installations sharing one Kafka cluster. */
  KAFKA_NAMESPACE: z.string().regex(/^[a-z0-9_-]*$/).default(''),
  /** Secret that signs the tenant context the gateway passes to services. */
  TANDEM_INTERNAL_SECRET: z.string().min(16).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Migrate the service's schema at start; `false` where a migration Job does it (the runtime role then needs no DDL rights). */
  TANDEM_MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  /** Create missing topics at start; `false` where the topic Job provisions them (services then need no admin rights). */
  KAFKA_ENSURE_TOPICS: z.enum(['true', 'false']).default('true'),
  /** Where GET /metrics is served (0 = any free port); never the public port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  ...retentionEnv,
});
export type PlatformEnv = z.infer<typeof platformEnv>;

export const portEnv = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
