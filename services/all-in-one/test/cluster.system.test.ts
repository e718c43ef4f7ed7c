import { postgresDriver, uuidv7, type SqlDriver } from '@tandem/platform';
import { freshTestDatabase, testRedisUrl } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../src/cluster';
import { contractCheck } from './contract';
import { edgeSuite } from './edge';
import { generatedSuites } from './generated-suites';
import { lifecycleSuite } from './lifecycle';

// The local cluster: every service its own process, on real PostgreSQL, Redis and Kafka.
const operatorKey = 'tdm_op_cluster-test-operator-key-0000000';
let cluster: RunningCluster;
let database: SqlDriver;

beforeAll(async () => {
  const databaseUrl = await freshTestDatabase('cluster');
  database = postgresDriver(databaseUrl, 2);
  cluster = await startCluster({
    databaseUrl,
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    kafkaNamespace: `systest-${uuidv7().slice(-12)}`,
    redisUrl: testRedisUrl(),
    operatorKey,
    internalSecret: 'cluster-test-internal-secret',
    basePort: 0,
    logLevel: 'warn',
  });
}, 360_000);

afterAll(async () => {
  await cluster?.close();
  await database?.close();
});

lifecycleSuite('cluster', () => ({ url: cluster.url, operatorKey }));
generatedSuites('cluster', () => ({ url: cluster.url, operatorKey, sql: database }));
edgeSuite('cluster', () => ({ url: cluster.url, operatorKey }));
contractCheck('cluster');

describe('metrics (cluster)', () => {
  it('serves each service’s own metrics, its Kafka consumer lag included', async () => {
    // Each process serves its metrics on a port of its own; the public ports serve none.
    const scheduling = cluster.addresses.get('scheduling')!;
    expect((await fetch(`${cluster.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${scheduling.url}/metrics`)).status).toBe(404);
    const text = await (await fetch(`${scheduling.metricsUrl}/metrics`)).text();
    expect(text).toMatch(/^tandem_consumer_lag\{[^}]*consumer="scheduling"[^}]*\} \d+/m);
    expect(text).toMatch(/^tandem_consumer_joined\{[^}]*consumer="scheduling"[^}]*\} 1/m);
    expect(text).toMatch(/^tandem_dependency_up\{[^}]*dependency="bus"[^}]*\} 1/m);
    expect(text).toMatch(/^tandem_outbox_backlog\{[^}]*service="scheduling"[^}]*\} \d+/m);
    expect(text).not.toContain('service="matching"');
  });
});
