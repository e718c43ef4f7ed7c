import { z } from 'zod';
import { loadConfig, platformEnv, portEnv } from './config';
import { closeOnSignals, createDeps } from './deps';
import { createLogger } from './logger';
import { startService, type ServiceDefinition } from './service';
import { startTelemetry, stopTelemetry } from './telemetry';

/**
 * Entry point of a service running as its own process (local cluster, containers): it needs real
 * servers, so PostgreSQL, Kafka and the internal secret are required here.
 */
export async function runServiceProcess(def: ServiceDefinition, defaultPort: number): Promise<void> {
  const env = loadConfig(
    platformEnv.extend({
      DATABASE_URL: z.string().url(),
      KAFKA_BROKERS: platformEnv.shape.KAFKA_BROKERS.unwrap(),
      TANDEM_INTERNAL_SECRET: z.string().min(16),
      HOST: z.string().default('0.0.0.0'),
      PORT: portEnv(defaultPort),
    }),
  );
  startTelemetry({ serviceName: `tandem-${def.name}`, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = createLogger(def.name, env.LOG_LEVEL);
  const deps = await createDeps(env, logger, `tandem-${def.name}`);
  const service = await startService(def, deps, { host: env.HOST, port: env.PORT });
  logger.info({ url: service.url }, `${def.name} listening`);
  closeOnSignals(async () => {
    await service.close();
    await deps.close();
    await stopTelemetry();
  }, logger);
}
