import { randomBytes } from 'node:crypto';
import { closeOnSignals, createDeps, createLogger, loadConfig, platformEnv, portEnv, startTelemetry, stopTelemetry } from '@tandem/platform';
import { z } from 'zod';
import { startPlatform } from './platform';
import { seedDemoTenant } from './seed';

/** `pnpm start`: the whole platform in one process, on embedded or configured servers. */
const env = loadConfig(
  platformEnv.extend({
    HOST: z.string().default('127.0.0.1'),
    PORT: portEnv(8080),
    TANDEM_OPERATOR_KEY: z.string().min(24).optional(),
    TANDEM_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  }),
);
startTelemetry({ serviceName: 'tandem-all-in-one', otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
const logger = createLogger({ mode: 'all-in-one' }, env.LOG_LEVEL);
const operatorKey = env.TANDEM_OPERATOR_KEY ?? `tdm_op_${randomBytes(24).toString('base64url')}`;
const deps = await createDeps(env, logger, 'tandem-all-in-one');
const platform = await startPlatform({ deps, operatorKey, host: env.HOST, port: env.PORT });

const lines = [
  `Tandem is running at ${platform.url}  (database: ${deps.driver.kind}, bus: ${deps.bus.kind}, cache: ${deps.cache.kind})`,
  env.TANDEM_OPERATOR_KEY ? 'Operator key: from TANDEM_OPERATOR_KEY' : `Operator key (generated): ${operatorKey}`,
];
if (env.TANDEM_SEED_DEMO === 'true') {
  const demo = await seedDemoTenant(platform.url, operatorKey);
  lines.push(demo.adminApiKey
    ? `Demo tenant "${demo.slug}" admin key: ${demo.adminApiKey}\nDemo program: ${platform.url}/v1/programs/${demo.programId}`
    : `Demo tenant "${demo.slug}" already exists; use the admin key printed when it was created.`);
}
lines.push(`API description: ${platform.url}/v1/openapi.json`);
console.log(`\n${lines.join('\n')}\n`);

closeOnSignals(async () => {
  await platform.close();
  await deps.close();
  await stopTelemetry();
}, logger);
