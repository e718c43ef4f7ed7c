import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus, createLogger, postgresDriver, type EventBus, type SqlDriver } from '@tandem/platform';
import {
  freePortRange, startPrivateKafka, startPrivatePostgres, startPrivateRedis,
  type PrivateKafka, type PrivatePostgres, type PrivateRedis,
} from '@tandem/platform/test-servers';
import { startCluster, type RunningCluster } from '../src/cluster';

/**
 * The local cluster (one process per service) on servers of its own: a PostgreSQL cluster, a Redis
 * and a Kafka broker started for it on free ports, so a test may stop, freeze or cut them without
 * touching the servers other test runs share. close() stops everything and deletes the data.
 */
export interface PrivateCluster {
  cluster: RunningCluster;
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  kafka: PrivateKafka;
  operatorKey: string;
  /** The name of the database the services use. */
  databaseName: string;
  /** The PostgreSQL superuser on the services' database. */
  database: SqlDriver;
  /** The PostgreSQL superuser on the `postgres` database, which the services do not use (to cut their connections). */
  admin: SqlDriver;
  /** A bus client of the test's own on the cluster's broker (lag, dead letters). */
  bus: EventBus;
  /** The last lines the processes wrote (their logs), to show when something went wrong. */
  logTail(lines?: number): string;
  close(): Promise<void>;
}

export const SERVICES = ['gateway', 'enrollment', 'matching', 'scheduling', 'surveys', 'analytics'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Starts it; the processes log at `logLevel` (default warn) into a file, or to the terminal with `inherit`. */
export async function startPrivateCluster(options: { logLevel?: string; inherit?: boolean } = {}): Promise<PrivateCluster> {
  const logDir = mkdtempSync(join(tmpdir(), 'tandem-cluster-logs-'));
  const logPath = join(logDir, 'processes.log');
  const logFd = openSync(logPath, 'a');
  const logTail = (lines = 60) => readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  const [postgres, redis, kafka] = await Promise.all([startPrivatePostgres(), startPrivateRedis(), startPrivateKafka()]);
  const admin = postgresDriver(postgres.url, 4);
  const databaseName = 'tandem';
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const databaseUrl = postgres.url.replace(/\/postgres$/, `/${databaseName}`);
  const database = postgresDriver(databaseUrl, 2);
  const operatorKey = 'tdm_op_private-cluster-operator-key-000000';
  const bus = await createBus({ KAFKA_BROKERS: [kafka.brokers], KAFKA_NAMESPACE: '' }, createLogger('private-cluster', 'silent'), 'private-cluster');
  let cluster: RunningCluster | undefined;
  const close = async () => {
    await cluster?.close();
    await bus.close();
    await database.close();
    await admin.close();
    await Promise.all([postgres.close(), redis.close(), kafka.close()]);
    closeSync(logFd);
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    cluster = await startCluster({
      databaseUrl,
      kafkaBrokers: kafka.brokers,
      redisUrl: redis.url,
      operatorKey,
      internalSecret: 'private-cluster-internal-secret',
      basePort: await freePortRange(SERVICES.length),
      logLevel: options.logLevel ?? 'warn',
      output: options.inherit ? 'inherit' : logFd,
    });
  } catch (error) {
    const tail = logTail();
    await close();
    throw new Error(`${(error as Error).message}\nlast lines of the processes' logs:\n${tail}`, { cause: error });
  }
  return { cluster, postgres, redis, kafka, operatorKey, databaseName, database, admin, bus, logTail, close };
}
