import { uuidv7 } from '@tandem/platform';
import { freePortRange } from '@tandem/platform/test-servers';
import { freshTestDatabase, testRedisUrl } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../src/cluster';
import { lifecycleSuite } from './lifecycle';

// The local cluster: every service its own process, on real PostgreSQL, Redis and Kafka.
const operatorKey = 'tdm_op_cluster-test-operator-key-0000000';
let cluster: RunningCluster;

beforeAll(async () => {
  cluster = await startCluster({
    databaseUrl: await freshTestDatabase('cluster'),
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    kafkaNamespace: `systest-${uuidv7().slice(-12)}`,
    redisUrl: testRedisUrl(),
    operatorKey,
    internalSecret: 'cluster-test-internal-secret',
    // Free ports: another checkout's tests may run a cluster on this machine at the same time.
    basePort: await freePortRange(6),
    logLevel: 'warn',
  });
}, 360_000);

afterAll(() => cluster?.close());

lifecycleSuite('cluster', () => ({ url: cluster.url, operatorKey }));

describe('metrics (cluster)', () => {
  it('serves each service’s own metrics, its Kafka consumer lag included', async () => {
    // Services listen on the ports after the gateway's, in the launcher's order; scheduling is the third.
    const text = await (await fetch(`http://127.0.0.1:${Number(new URL(cluster.url).port) + 3}/metrics`)).text();
    expect(text).toMatch(/^tandem_consumer_lag\{[^}]*consumer="scheduling"[^}]*\} \d+/m);
    expect(text).toMatch(/^tandem_consumer_joined\{[^}]*consumer="scheduling"[^}]*\} 1/m);
    expect(text).toMatch(/^tandem_dependency_up\{[^}]*dependency="bus"[^}]*\} 1/m);
    expect(text).toMatch(/^tandem_outbox_backlog\{[^}]*service="scheduling"[^}]*\} \d+/m);
    expect(text).not.toContain('service="matching"');
  });
});
