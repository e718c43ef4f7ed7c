import { createBus, createLogger, loadConfig, platformEnv, replayDeadLetters } from '@tandem/platform';

/**
 * `pnpm replay-dlq <topic> <consumer>`: after fixing what made a consumer give up on events,
 * put its dead letters back on the original topic (e.g. `tandem.matching scheduling`).
 */
const [topic, consumer] = process.argv.slice(2);
if (!topic || !consumer) {
  console.error('usage: pnpm replay-dlq <topic, e.g. tandem.matching> <consumer, e.g. scheduling>');
  process.exit(2);
}
const env = loadConfig(platformEnv.extend({ KAFKA_BROKERS: platformEnv.shape.KAFKA_BROKERS.unwrap() }));
const bus = await createBus(env, createLogger('replay-dlq', env.LOG_LEVEL), 'tandem-replay-dlq');
try {
  const replayed = await replayDeadLetters(bus, { topic, consumer });
  console.log(`replayed ${replayed} dead letter(s) of ${consumer} onto ${topic}`);
} finally {
  await bus.close();
}
