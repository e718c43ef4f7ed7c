import { describe, expect, it } from 'vitest';
import { createBus } from './deps';
import { createLogger } from './logger';

describe('KAFKA_ENSURE_TOPICS', () => {
  it('leaves topics to the topic Job when false: ensureTopics asks no broker (none listens here)', async () => {
    const bus = await createBus(
      { KAFKA_BROKERS: ['127.0.0.1:1'], KAFKA_NAMESPACE: '', KAFKA_ENSURE_TOPICS: 'false' }, createLogger('test', 'silent'), 'ensure-test',
    );
    try {
      await expect(bus.ensureTopics(['tandem.enrollment'])).resolves.toBeUndefined();
    } finally {
      await bus.close();
    }
  });
});
