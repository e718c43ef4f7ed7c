import { deadLetterTopic } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { createMemoryBus, replayDeadLetters, type IncomingMessage } from '../src';

describe('replayDeadLetters', () => {
  it("puts one consumer's letters back on the original topic, once", async () => {
    const bus = createMemoryBus();
    const topic = 'tandem.enrollment';
    const letter = (consumer: string, value: string) => ({
      topic: deadLetterTopic(topic), key: value, value, headers: { 'x-consumer': consumer, 'x-error': 'boom', 'x-attempts': '5' },
    });
    await bus.publish([letter('scheduling', 'e1'), letter('surveys', 'e2'), letter('scheduling', 'e3')]);
    const back: IncomingMessage[] = [];
    await bus.subscribe({ group: 'watch', topics: [topic] }, async (m) => void back.push(m));

    expect(await replayDeadLetters(bus, { topic, consumer: 'scheduling', idleMs: 100 })).toBe(2);
    expect(back.map((m) => m.value)).toEqual(['e1', 'e3']);
    expect(back[0]!.headers).toEqual({ 'x-replayed-after': 'boom' });
    // The replay keeps its place: nothing is replayed twice.
    expect(await replayDeadLetters(bus, { topic, consumer: 'scheduling', idleMs: 100 })).toBe(0);
    expect(await replayDeadLetters(bus, { topic, consumer: 'surveys', idleMs: 100 })).toBe(1);
    await bus.close();
  });
});
