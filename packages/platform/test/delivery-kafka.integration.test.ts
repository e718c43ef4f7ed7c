import { afterAll } from 'vitest';
import { createLogger, namespacedBus, uuidv7 } from '../src';
import { createKafkaBus } from '../src/bus/kafka';
import { startPrivateKafka } from '../src/test-servers';
import { deliverySuite } from './delivery';

// The outage test stops and restarts the broker, so it runs on a private broker of this file's
// own (another port and data directory): brokers other runs use are never stopped. With
// KAFKA_BROKERS set, the suite runs there without the outage test.
const broker = process.env.KAFKA_BROKERS === undefined ? await startPrivateKafka() : undefined;
afterAll(() => broker?.close());
const brokers = (process.env.KAFKA_BROKERS ?? broker!.brokers).split(',');

deliverySuite(
  'kafka',
  async () => namespacedBus(
    createKafkaBus({ brokers, clientId: 'delivery-test', logger: createLogger('kafka', 'silent') }),
    `delivery-${uuidv7().slice(-12)}`,
  ),
  broker ? { outage: { stop: () => broker.stop(), start: () => broker.start() } } : {},
);
