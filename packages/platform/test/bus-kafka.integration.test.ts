import { describe, expect, it } from 'vitest';
import { createKafkaBus, type BusLogger } from '../src/bus/kafka';
import { answers } from '../src/test-servers';
import { busContract, unique, waitFor } from './bus-contract';

/**
 * The bus contract against a real Kafka broker: KAFKA_BROKERS (comma-separated), by default the
 * local one of infra/kafka/broker.sh on 127.0.0.1:9092. No broker is a failure, not a skip: CI
 * starts the broker before the tests.
 */
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);

const reachable = await Promise.all(brokers.map((b) => {
  const at = b.lastIndexOf(':');
  return answers(b.slice(0, at), Number(b.slice(at + 1)), 3000);
}));
if (!reachable.some(Boolean)) {
  throw new Error(
    `No Kafka broker answers at ${brokers.join(', ')} (KAFKA_BROKERS). ` +
      `Start the local one with \`infra/kafka/broker.sh start\`, or point KAFKA_BROKERS at a running broker.`,
  );
}

// kafkajs warnings and errors are shown with KAFKA_TEST_LOG=1; adapter errors always.
const verbose = process.env.KAFKA_TEST_LOG === '1';
const logger: BusLogger = {
  info() {},
  warn(obj, msg) {
    if (verbose) console.warn(msg, obj);
  },
  error(obj, msg) {
    if (verbose || !('component' in obj)) console.error(msg, obj);
  },
};

busContract('kafka', async () =>
  createKafkaBus({
    brokers,
    clientId: unique('bus-contract'),
    logger,
    // 6 s is the smallest session a broker with default settings accepts.
    consumer: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 },
  }),
  { slowHandlerMs: 8000 },
);

describe('kafka adapter: a member holding a message when the group rebalances', () => {
  it('gives the message up when another member joins, so the rebalance need not wait for it', async () => {
    // A rebalance waits up to a minute for members busy in a handler: B could not join within the
    // 20 s bound below unless A gave its message up.
    const bus = createKafkaBus({
      brokers, clientId: unique('bus-rebalance'), logger,
      consumer: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 60_000 },
    });
    const topic = unique('contract.kafka.held');
    const group = unique('g-held');
    const deliveries: string[] = [];
    let gaveUp = false;
    try {
      await bus.ensureTopics([topic]);
      const a = await bus.subscribe({ group, topics: [topic] }, async (m) => {
        deliveries.push(`a:${m.value}`);
        if (gaveUp) return;
        // As the consumer's retry loop does while a transient failure lasts: wait, until told to stop.
        await new Promise((resolve) => m.signal.addEventListener('abort', resolve, { once: true }));
        gaveUp = true;
        throw new Error('given up');
      });
      await bus.publish([{ topic, key: 'k', value: 'held' }]);
      await waitFor(() => deliveries.length === 1, 30_000, () => 'A never received the message');
      const joining = bus.subscribe({ group, topics: [topic] }, async (m) => {
        deliveries.push(`b:${m.value}`);
      });
      await waitFor(() => gaveUp && deliveries.length >= 2, 20_000, () => `deliveries: ${deliveries.join(', ')}`);
      const b = await joining;
      expect(deliveries.slice(1).every((d) => d.endsWith(':held'))).toBe(true);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await bus.close();
    }
  }, 90_000);
});
