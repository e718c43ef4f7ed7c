import { Socket } from 'node:net';
import { createKafkaBus, type BusLogger } from '../src/bus/kafka';
import { busContract, unique } from './bus-contract';

/**
 * The bus contract against a real Kafka broker: KAFKA_BROKERS (comma-separated), by default the
 * local one of infra/kafka/broker.sh on 127.0.0.1:9092. No broker is a failure, not a skip: CI
 * starts the broker before the tests.
 */
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);

const reachable = await Promise.all(brokers.map((b) => answers(b, 3000)));
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
);

function answers(broker: string, timeoutMs: number): Promise<boolean> {
  const at = broker.lastIndexOf(':');
  const host = broker.slice(0, at);
  const port = Number(broker.slice(at + 1));
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}
