import { deadLetterTopic } from '@tandem/contracts';
import type { EventBus } from './bus/port';

export interface ReplayOptions {
  /** The original topic, e.g. tandem.enrollment; its dead letters are read from `<topic>.dlq`. */
  topic: string;
  /** Replays only what this consumer gave up on. Other consumers' letters are left for their own replay. */
  consumer: string;
  /** Stop once no letter arrived for this long. */
  idleMs?: number;
}

/**
 * Puts a consumer's dead letters back on their original topic, once each (the replay keeps its own
 * group offset per consumer). Consumers that had already handled an event skip it through their
 * inbox, so only the one that failed handles it again.
 */
export async function replayDeadLetters(bus: EventBus, options: ReplayOptions): Promise<number> {
  const idleMs = options.idleMs ?? 2_000;
  let replayed = 0;
  let timer: NodeJS.Timeout | undefined;
  let idle!: () => void;
  const done = new Promise<void>((resolve) => (idle = resolve));
  const restartIdle = () => {
    clearTimeout(timer);
    timer = setTimeout(idle, idleMs);
  };
  restartIdle();
  const subscription = await bus.subscribe(
    { group: `dlq-replay.${options.consumer}`, topics: [deadLetterTopic(options.topic)], fromBeginning: true },
    async (letter) => {
      restartIdle();
      if (letter.headers['x-consumer'] !== options.consumer) return;
      const { 'x-error': error, 'x-attempts': _attempts, 'x-consumer': _consumer, ...headers } = letter.headers;
      await bus.publish([{
        topic: options.topic, key: letter.key, value: letter.value,
        headers: { ...headers, 'x-replayed-after': (error ?? '').slice(0, 200) },
      }]);
      replayed += 1;
    },
  );
  await done;
  await subscription.close();
  return replayed;
}
