import { randomBytes } from 'node:crypto';
import { loadConfig, portEnv } from '@tandem/platform';
import { z } from 'zod';
import { startCluster } from './cluster';
import { seedDemoTenant } from './seed';

/** `pnpm cluster`: every service as its own process on local PostgreSQL, Redis and Kafka. */
const env = loadConfig(
  z.object({
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/tandem'),
    KAFKA_BROKERS: z.string().default('127.0.0.1:9092'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379/0'),
    TANDEM_OPERATOR_KEY: z.string().min(24).optional(),
    TANDEM_INTERNAL_SECRET: z.string().min(16).optional(),
    PORT: portEnv(8080),
    LOG_LEVEL: z.string().default('info'),
  }),
);
const operatorKey = env.TANDEM_OPERATOR_KEY ?? `tdm_op_${randomBytes(24).toString('base64url')}`;
const cluster = await startCluster({
  databaseUrl: env.DATABASE_URL,
  kafkaBrokers: env.KAFKA_BROKERS,
  redisUrl: env.REDIS_URL,
  operatorKey,
  internalSecret: env.TANDEM_INTERNAL_SECRET ?? randomBytes(24).toString('base64url'),
  basePort: env.PORT,
  logLevel: env.LOG_LEVEL,
});
const demo = await seedDemoTenant(cluster.url, operatorKey);
console.log(`\nTandem cluster at ${cluster.url}`);
console.log(env.TANDEM_OPERATOR_KEY ? 'Operator key: from TANDEM_OPERATOR_KEY' : `Operator key (generated): ${operatorKey}`);
console.log(demo.adminApiKey ? `Demo tenant admin key: ${demo.adminApiKey}` : 'Demo tenant exists already.');
const stop = () => void cluster.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
