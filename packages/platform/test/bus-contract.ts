import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus, IncomingMessage, MessageHandler, SubscribeOptions, Subscription } from '../src/bus/port';

/**
 * The contract every adapter of the bus port keeps (DESIGN.md §3, §5): per-key order,
 * at-least-once delivery to every consumer group, redelivery of what a handler rejects or a member
 * abandons, idempotent ensureTopics, ping, idempotent close.
 *
 * Call it from an adapter's test file: `busContract('kafka', async () => createKafkaBus(...))`.
 * `makeBus` is called once for the shared bus of the suite and once more by the close test; every
 * test uses its own topics and groups (random suffix), so tests do not see each other's messages
 * and can share one broker with other runs. Waits are bounded polls, never sleeps.
 */
export function busContract(name: string, makeBus: () => Promise<EventBus>, options: ContractOptions = {}): void {
  const timeoutMs = options.waitTimeoutMs ?? 30_000;
  const slowHandlerMs = options.slowHandlerMs ?? 300;

  describe(`event bus contract: ${name}`, () => {
    let bus: EventBus;
    const subscriptions: Subscription[] = [];
    const releases: (() => void)[] = [];

    beforeAll(async () => {
      bus = await makeBus();
    });

    afterEach(async () => {
      for (const release of releases.splice(0)) release();
      await Promise.all(subscriptions.splice(0).map((s) => s.close()));
    });

    afterAll(async () => {
      await bus?.close();
    });

    const subscribe = async (opts: SubscribeOptions, handler: MessageHandler) => {
      const subscription = await bus.subscribe(opts, handler);
      subscriptions.push(subscription);
      return subscription;
    };

    /** A promise that never settles during the test; released (resolved) after it. */
    const hang = () =>
      new Promise<void>((resolve) => {
        releases.push(resolve);
      });

    const newTopic = async (what: string) => {
      const topic = unique(`contract.${name}.${what}`);
      await bus.ensureTopics([topic]);
      return topic;
    };

    it('keeps the order of messages with the same key, over many messages and keys', async () => {
      const topic = await newTopic('order');
      const keys = ['k-a', 'k-b', 'k-c', 'k-d', 'k-e'];
      const perKey = 40;
      // Interleaved keys, sent in several publish() calls of different sizes.
      const all = keys.flatMap((_, i) => Array.from({ length: perKey }, (_, n) => ({ key: keys[(n + i) % keys.length]!, n })));
      const next = new Map(keys.map((k) => [k, 0]));
      const messages = all.map(({ key }) => {
        const seq = next.get(key)!;
        next.set(key, seq + 1);
        return { topic, key, value: JSON.stringify({ key, seq }) };
      });
      for (let i = 0; i < messages.length; ) {
        const size = 1 + (i % 17);
        await bus.publish(messages.slice(i, i + size));
        i += size;
      }

      const seen = new Map<string, number[]>();
      const wrongKeys: string[] = [];
      await subscribe({ group: unique('g-order'), topics: [topic] }, async (m) => {
        const { key, seq } = JSON.parse(m.value) as { key: string; seq: number };
        if (m.key !== key) wrongKeys.push(`${m.key} carried ${m.value}`);
        let list = seen.get(key);
        if (!list) seen.set(key, (list = []));
        list.push(seq);
      });

      await waitFor(() => keys.every((k) => new Set(seen.get(k) ?? []).size === perKey), timeoutMs, () =>
        `received per key: ${JSON.stringify(Object.fromEntries([...seen].map(([k, v]) => [k, v.length])))}`);
      expect(wrongKeys).toEqual([]);
      for (const key of keys) {
        // At-least-once allows a replay from an earlier point, never a message before its predecessor.
        expect(firstDeliveryOrderViolations(seen.get(key)!), `order of key ${key}`).toEqual([]);
      }
    });

    it('delivers every message to each consumer group, with key, value and headers intact', async () => {
      const topic = await newTopic('groups');
      const total = 60;
      const message = (i: number) => ({
        topic,
        key: `key-${i % 7}`,
        value: JSON.stringify({ i, text: `héllo ${i}` }),
        headers: { 'x-index': String(i), 'content-type': 'application/json' },
      });
      // Half before anyone subscribes (groups start from the beginning by default), half after.
      await bus.publish(Array.from({ length: total / 2 }, (_, i) => message(i)));

      const received = { one: new Map<number, IncomingMessage>(), two: new Map<number, IncomingMessage>() };
      const record = (into: Map<number, IncomingMessage>) => async (m: IncomingMessage) => {
        into.set((JSON.parse(m.value) as { i: number }).i, m);
      };
      await subscribe({ group: unique('g-one'), topics: [topic] }, record(received.one));
      await subscribe({ group: unique('g-two'), topics: [topic] }, record(received.two));
      for (let i = total / 2; i < total; i += 5) {
        await bus.publish(Array.from({ length: 5 }, (_, j) => message(i + j)));
      }

      await waitFor(() => received.one.size === total && received.two.size === total, timeoutMs, () =>
        `group one has ${received.one.size}/${total}, group two ${received.two.size}/${total}`);
      for (const got of [received.one, received.two]) {
        for (let i = 0; i < total; i += 1) {
          const m = got.get(i)!;
          const sent = message(i);
          expect(m.topic).toBe(topic);
          expect(m.key).toBe(sent.key);
          expect(m.value).toBe(sent.value);
          expect(m.headers).toMatchObject(sent.headers);
          expect(typeof m.partition).toBe('number');
          expect(m.offset).toMatch(/^\d+$/);
        }
      }
    });

    it('shares a group between its members: together they receive every message', async () => {
      const topic = await newTopic('members');
      const group = unique('g-shared');
      const total = 30;
      const got = new Set<number>();
      const handler = async (m: IncomingMessage) => {
        got.add(Number(m.value));
      };
      await subscribe({ group, topics: [topic] }, handler);
      await subscribe({ group, topics: [topic] }, handler);
      await bus.publish(Array.from({ length: total }, (_, i) => ({ topic, key: `key-${i}`, value: String(i) })));
      await waitFor(() => got.size === total, timeoutMs, () => `received ${got.size}/${total}`);
    });

    it('delivers a rejected message again, and nothing after it on that key first', async () => {
      const topic = await newTopic('reject');
      const log: string[] = [];
      let failuresLeft = 2;
      await subscribe({ group: unique('g-reject'), topics: [topic] }, async (m) => {
        log.push(m.value);
        if (m.value === 'm1' && failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('handler failure (expected by the test)');
        }
      });
      await bus.publish(['m0', 'm1', 'm2', 'm3'].map((value) => ({ topic, key: 'same-key', value })));

      await waitFor(() => log.includes('m3'), timeoutMs, () => `deliveries so far: ${log.join(', ')}`);
      expect(log.filter((v) => v === 'm1').length).toBeGreaterThanOrEqual(3);
      const lastM1 = log.lastIndexOf('m1');
      // m2 and m3 only after m1 succeeded (its last delivery), in order.
      expect(log.indexOf('m2')).toBeGreaterThan(lastM1);
      expect(log.indexOf('m3')).toBeGreaterThan(log.indexOf('m2'));
      expect(log.indexOf('m0')).toBeLessThan(log.indexOf('m1'));
    });

    it('redelivers to another member a message whose member was closed before finishing it', async () => {
      const topic = await newTopic('abandon');
      const group = unique('g-abandon');
      const seenByA: string[] = [];
      const a = await subscribe({ group, topics: [topic] }, async (m) => {
        seenByA.push(m.value);
        await hang(); // never finishes: the member "dies" with the message in hand
      });
      await bus.publish([{ topic, key: 'k', value: 'stuck' }]);
      await waitFor(() => seenByA.includes('stuck'), timeoutMs, () => 'member A never received the message');

      // close() must not wait for the hung handler.
      await withTimeout(a.close(), timeoutMs, 'closing a member whose handler hangs');

      const seenByB: string[] = [];
      await subscribe({ group, topics: [topic] }, async (m) => {
        seenByB.push(m.value);
      });
      await bus.publish([{ topic, key: 'k', value: 'after' }]);
      await waitFor(() => seenByB.includes('stuck') && seenByB.includes('after'), timeoutMs, () =>
        `member B received: ${seenByB.join(', ') || 'nothing'}`);
      expect(seenByB.indexOf('stuck')).toBeLessThan(seenByB.indexOf('after'));
    });

    it('hands the abandoned message to a member that joined while the other was stuck', async () => {
      const topic = await newTopic('rebalance');
      const group = unique('g-rebalance');
      const seenByA: string[] = [];
      const a = await subscribe({ group, topics: [topic] }, async (m) => {
        seenByA.push(m.value);
        await hang();
      });
      await bus.publish([{ topic, key: 'k', value: 'stuck' }]);
      await waitFor(() => seenByA.includes('stuck'), timeoutMs, () => 'member A never received the message');

      const seenByB: string[] = [];
      // B joins while A is stuck in its handler (with Kafka: a rebalance A cannot answer)...
      const joining = subscribe({ group, topics: [topic] }, async (m) => {
        seenByB.push(m.value);
      });
      // ...and A is closed: B ends up with the message.
      await withTimeout(a.close(), timeoutMs, 'closing a member whose handler hangs');
      await withTimeout(joining, timeoutMs, 'subscribing member B');
      await waitFor(() => seenByB.includes('stuck'), timeoutMs, () => `member B received: ${seenByB.join(', ') || 'nothing'}`);
    });

    it('aborts the signal of a message in hand when its member is closed, and not before', async () => {
      const topic = await newTopic('signal');
      let held: IncomingMessage | undefined;
      const sub = await subscribe({ group: unique('g-signal'), topics: [topic] }, async (m) => {
        held = m;
        await hang();
      });
      await bus.publish([{ topic, key: 'k', value: 'held' }]);
      await waitFor(() => held !== undefined, timeoutMs, () => 'the message never arrived');
      expect(held!.signal.aborted).toBe(false);
      await withTimeout(sub.close(), timeoutMs, 'closing a member whose handler hangs');
      expect(held!.signal.aborted).toBe(true);
    });

    it('says whether a member is in its group: once it receives, and no longer after close', async () => {
      const topic = await newTopic('joined');
      const got: string[] = [];
      const sub = await subscribe({ group: unique('g-joined'), topics: [topic] }, async (m) => {
        got.push(m.value);
      });
      await bus.publish([{ topic, key: 'k', value: 'hello' }]);
      await waitFor(() => got.includes('hello'), timeoutMs, () => 'the message never arrived');
      expect(sub.joined()).toBe(true);
      await sub.close();
      expect(sub.joined()).toBe(false);
    });

    it('keeps a member whose handler runs longer than a session: the message is handled once and committed', async () => {
      const topic = await newTopic('slow');
      const group = unique('g-slow');
      let deliveries = 0;
      let done = false;
      const sub = await subscribe({ group, topics: [topic] }, async () => {
        deliveries += 1;
        await new Promise((r) => setTimeout(r, slowHandlerMs));
        done = true;
      });
      await bus.publish([{ topic, key: 'k', value: 'slow' }]);
      await waitFor(() => done, timeoutMs + slowHandlerMs, () => `deliveries: ${deliveries}`);
      const deadline = Date.now() + timeoutMs;
      while ((await bus.lag(group, [topic])) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await bus.lag(group, [topic])).toBe(0);
      expect(deliveries).toBe(1);
      expect(sub.joined()).toBe(true);
    }, 60_000);

    it('ensureTopics is idempotent, also when called concurrently', async () => {
      const topics = [unique(`contract.${name}.ensure`), unique(`contract.${name}.ensure`)];
      await bus.ensureTopics(topics);
      await bus.ensureTopics(topics);
      await Promise.all([bus.ensureTopics([...topics, unique(`contract.${name}.ensure`)]), bus.ensureTopics(topics)]);
      await bus.ensureTopics([]);
      // Still usable.
      const got: string[] = [];
      await subscribe({ group: unique('g-ensure'), topics: [topics[0]!] }, async (m) => {
        got.push(m.value);
      });
      await bus.publish([{ topic: topics[0]!, key: 'k', value: 'ok' }]);
      await waitFor(() => got.includes('ok'), timeoutMs, () => 'message on an ensured topic not delivered');
    });

    it('ensureTopics from several clients at once, as processes starting together do', async () => {
      const clients = await Promise.all([1, 2, 3, 4].map(() => makeBus()));
      try {
        for (let round = 0; round < 3; round += 1) {
          const topics = Array.from({ length: 5 }, () => unique(`contract.${name}.together`));
          await Promise.all(clients.map((client, i) => client.ensureTopics(i % 2 ? [...topics].reverse() : topics)));
          const got: string[] = [];
          await subscribe({ group: unique('g-together'), topics }, async (m) => {
            got.push(m.value);
          });
          await bus.publish(topics.map((topic) => ({ topic, key: 'k', value: topic })));
          await waitFor(() => topics.every((t) => got.includes(t)), timeoutMs, () => `got ${got.length} of ${topics.length}`);
        }
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
    });

    it('reports a group’s lag: what it has not committed yet', async () => {
      const topic = await newTopic('lag');
      const group = unique('g-lag');
      await bus.publish(Array.from({ length: 5 }, (_, i) => ({ topic, key: `k${i % 2}`, value: String(i) })));
      expect(await bus.lag(group, [topic])).toBe(5);
      const got: string[] = [];
      await subscribe({ group, topics: [topic] }, async (m) => {
        got.push(m.value);
      });
      await waitFor(() => got.length === 5, timeoutMs, () => `got ${got.length} of 5`);
      const deadline = Date.now() + timeoutMs;
      let lag = await bus.lag(group, [topic]);
      // Commits follow the handler: poll until the last one is in.
      while (lag > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        lag = await bus.lag(group, [topic]);
      }
      expect(lag).toBe(0);
    });

    it('ping resolves while the bus is up', async () => {
      await bus.ping();
      await bus.ping();
    });

    it('close is idempotent, for the bus and for a subscription', async () => {
      const other = await makeBus();
      const topic = unique(`contract.${name}.close`);
      await other.ensureTopics([topic]);
      await other.ping();
      const sub = await other.subscribe({ group: unique('g-close'), topics: [topic] }, async () => {});
      await sub.close();
      await sub.close();
      await Promise.all([other.close(), other.close()]);
      await other.close();
    });
  });
}

export interface ContractOptions {
  /** Bound of every wait for a delivery. Default 30 s. */
  waitTimeoutMs?: number;
  /** How long the slow handler runs: longer than the adapter's session timeout. Default 300 ms. */
  slowHandlerMs?: number;
}

export function unique(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** Polls `done` every 20 ms until it holds; fails with `describe()` after `timeoutMs`. */
export async function waitFor(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took more than ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sequence numbers (0..n-1 per key) in delivery order may repeat (a replay from the last commit),
 * but a number may first appear only after all smaller ones. Returns the ones that broke this.
 */
function firstDeliveryOrderViolations(seqs: number[]): number[] {
  const seen = new Set<number>();
  const violations: number[] = [];
  for (const seq of seqs) {
    if (!seen.has(seq) && seq !== seen.size) violations.push(seq);
    seen.add(seq);
  }
  return violations;
}
