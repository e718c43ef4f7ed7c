import { z } from 'zod';
import { loadConfig, platformEnv, portEnv } from './config';
import { closeOnSignals, createDeps } from './deps';
import { createLogger, routeDiagnosticsTo } from './logger';
import { startMetricsServer } from './metrics-server';
import { startService, type ServiceDefinition } from './service';
import { startTelemetry, stopTelemetry } from './telemetry';

/**
 * Entry point of a service running as its own process (local cluster, containers): it needs real
 * servers, so PostgreSQL, Kafka and the internal secret are required here.
 */
export const serviceProcessEnv = (defaultPort: number) => platformEnv.extend({
  DATABASE_URL: z.string().url(),
  KAFKA_BROKERS: platformEnv.shape.KAFKA_BROKERS.unwrap(),
  TANDEM_INTERNAL_SECRET: z.string().min(16),
  HOST: z.string().default('0.0.0.0'),
  PORT: portEnv(defaultPort),
});

export async function runServiceProcess<C>(def: ServiceDefinition<C>, defaultPort: number): Promise<void> {
  const env = loadConfig(serviceProcessEnv(defaultPort));
  const logger = createLogger(def.name, env.LOG_LEVEL);
    startTelemetry({ serviceName: `tandem-${def.name}`, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
    // After the SDK, which installs a console logger of its own.
    routeDiagnosticsTo(logger);
  const deps = await createDeps(env, logger, `tandem-${def.name}`);
  const service = await startService(def, deps, { host: env.HOST, port: env.PORT });
  const metricsServer = await startMetricsServer(env.HOST, env.METRICS_PORT, logger);
  logger.info({ url: service.url, metrics: metricsServer.url }, `${def.name} listening`);
  closeOnSignals(async () => {
    await service.close();
    await metricsServer.close();
    await deps.close();
    await stopTelemetry();
  }, logger);
}
