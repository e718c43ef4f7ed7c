import { randomBytes } from 'node:crypto';
import {
  closeOnSignals, createDeps, createLogger, loadConfig, routeDiagnosticsTo, startMetricsServer, startTelemetry,
  stopTelemetry,
} from '@tandem/platform';
import { allInOneEnv } from './env';
import { startPlatform } from './platform';
import { seedDemoTenant } from './seed';

/**
 * `pnpm start`: the whole platform in one process, on embedded or configured servers. Every
 * service reads its own variables from this process's environment, as in its own process.
 */
const env = loadConfig(allInOneEnv);
const logger = createLogger({ mode: 'all-in-one' }, env.LOG_LEVEL);
startTelemetry({ serviceName: 'tandem-all-in-one', otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
// After the SDK, which installs a console logger of its own.
routeDiagnosticsTo(logger);
const operatorKey = env.TANDEM_OPERATOR_KEY ?? `tdm_op_${randomBytes(24).toString('base64url')}`;
const deps = await createDeps(env, logger, 'tandem-all-in-one');
const platform = await startPlatform({ deps, operatorKey, host: env.HOST, port: env.PORT });
const metrics = await startMetricsServer(env.HOST, env.METRICS_PORT, logger);

// One JSON line, like everything this process writes, with what the person who started it needs.
const started: Record<string, unknown> = {
  url: platform.url, docs: `${platform.url}/docs`, openapi: `${platform.url}/v1/openapi.json`, metrics: `${metrics.url}/metrics`,
  database: deps.driver.kind, bus: deps.bus.kind, cache: deps.cache.kind,
  ...(env.TANDEM_OPERATOR_KEY ? {} : { generatedOperatorKey: operatorKey }),
};
if (env.TANDEM_SEED_DEMO === 'true') {
  const demo = await seedDemoTenant(platform.url, operatorKey);
  started.demoTenant = demo.adminApiKey
    ? { slug: demo.slug, adminKey: demo.adminApiKey, programUrl: `${platform.url}/v1/programs/${demo.programId}` }
    : { slug: demo.slug, note: 'already exists; use the admin key printed when it was created' };
}
logger.info(started, `Tandem is running at ${platform.url}`);

closeOnSignals(async () => {
  await platform.close();
  await metrics.close();
  await deps.close();
  await stopTelemetry();
}, logger);
