import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLogger, namespacedBus, uuidv7 } from '../src';
import { createKafkaBus } from '../src/bus/kafka';
import { deliverySuite } from './delivery';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const brokerScript = fileURLToPath(new URL('../../../infra/kafka/broker.sh', import.meta.url));
const run = promisify(execFile);

// The outage test stops and restarts the broker; it does so only for the local one this
// repository runs (a shared KAFKA_BROKERS is never stopped).
const localBroker = process.env.KAFKA_BROKERS === undefined;

deliverySuite(
  'kafka',
  async () => namespacedBus(
    createKafkaBus({ brokers, clientId: 'delivery-test', logger: createLogger('kafka', 'silent') }),
    `delivery-${uuidv7().slice(-12)}`,
  ),
  localBroker
    ? {
      outage: {
        stop: async () => void (await run('bash', [brokerScript, 'stop'])),
        start: async () => void (await run('bash', [brokerScript, 'start'], { timeout: 150_000 })),
      },
    }
    : {},
);
