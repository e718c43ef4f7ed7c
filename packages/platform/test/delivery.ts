import { topicOf, deadLetterTopic } from '@tandem/contracts';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEvent, createLogger, Database, migrate, on, OutboxRelay, postgresDriver, startConsumer, uuidv7, writeToOutbox,
  type EventBus, type IncomingMessage, type SqlDriver, type Subscription,
} from '../src';
import { eventually, freshTestDatabase } from '../src/testing';

const migrations = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));
const logger = createLogger('delivery-test', 'silent');

export interface DeliveryOptions {
  /** Stops and restarts the broker (only where there is one to stop). */
  outage?: { stop(): Promise<void>; start(): Promise<void> };
}

/**
 * What the platform promises above the bus port, on a given adapter: the outbox publishes exactly
 * what committed, the inbox applies each event once, failing handlers are retried and then
 * dead-lettered, and (where a broker can be stopped) the outbox rides out an outage.
 */
export function deliverySuite(name: string, makeBus: () => Promise<EventBus>, options: DeliveryOptions = {}): void {
  describe(`outbox, inbox, retries and DLQ on ${name}`, () => {
    let driver: SqlDriver;
    let bus: EventBus;
    let producer: Database;
    let consumer: Database;
    let relay: OutboxRelay;
    const subscriptions: Subscription[] = [];
    const tenantId = uuidv7();

    beforeAll(async () => {
      driver = postgresDriver(await freshTestDatabase(`delivery_${name}`));
      bus = await makeBus();
      producer = new Database(driver, 'producer');
      consumer = new Database(driver, 'consumer');
      await migrate(producer, migrations);
      await migrate(consumer, migrations);
      relay = new OutboxRelay(producer, bus, logger, { pollMs: 50, maxBackoffMs: 500 });
      relay.start();
    });
    afterAll(async () => {
      for (const s of subscriptions) await s.close();
      await relay?.stop();
      await bus?.close();
      await driver?.close();
    });

    const tenantCreated = (slug: string, subject = uuidv7()) =>
      createEvent('producer', tenantId, 'tenancy.tenant.created', subject, { tenantId, name: slug, slug });
    const notes = async () =>
      (await consumer.withTenant(tenantId, (sql) => sql.query<{ body: string }>(`SELECT body FROM notes ORDER BY body`))).rows.map((r) => r.body);
    const consume = async (consumerName: string, handle: (slug: string) => Promise<void>) => {
      subscriptions.push(await startConsumer({
        name: consumerName, db: consumer, bus, logger, maxAttempts: 3, backoffMs: 10,
        handlers: [on('tenancy.tenant.created', async (sql, event) => {
          await handle(event.data.slug);
          await sql.query(`INSERT INTO notes VALUES ($1, $2, $3)`, [uuidv7(), event.tenantId, `${consumerName}:${event.data.slug}`]);
        })],
      }));
    };
    const dlq = async () => {
      const seen: IncomingMessage[] = [];
      subscriptions.push(await bus.subscribe({ group: `dlq-${uuidv7()}`, topics: [deadLetterTopic(topicOf('tenancy'))] }, async (m) => {
        seen.push(m);
      }));
      return seen;
    };

    it('publishes what committed and nothing that rolled back', async () => {
      await consume('c1', async () => {});
      await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated('committed')]));
      await expect(producer.withTenant(tenantId, async (sql) => {
        await writeToOutbox(sql, [tenantCreated('rolled-back')]);
        throw new Error('abort');
      })).rejects.toThrow('abort');
      relay.nudge();
      await eventually(async () => (await notes()).includes('c1:committed'), 30_000);
      expect(await relay.backlog()).toBe(0);
      expect(await notes()).not.toContain('c1:rolled-back');
    });

    it('keeps the order of the events written together, per key', async () => {
      const order: string[] = [];
      // A new consumer starts from the topic's beginning: earlier tests' events come first.
      await consume('c5', async (slug) => {
        if (slug.startsWith('ordered-')) order.push(slug);
      });
      const subject = uuidv7();
      const slugs = Array.from({ length: 25 }, (_, i) => `ordered-${String(i).padStart(2, '0')}`);
      await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, slugs.map((slug) => tenantCreated(slug, subject))));
      relay.nudge();
      await eventually(async () => order.length >= slugs.length, 30_000);
      expect(order).toEqual(slugs);
    });

    it('applies a redelivered event once', async () => {
      await consume('c2', async () => {});
      const event = tenantCreated('twice');
      await bus.publish([0, 1].map(() => ({ topic: topicOf('tenancy'), key: event.subject, value: JSON.stringify(event) })));
      // Same key, so it comes after both copies (order holds per key only).
      await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated('after-twice', event.subject)]));
      relay.nudge();
      await eventually(async () => (await notes()).includes('c2:after-twice'), 30_000);
      expect((await notes()).filter((n) => n === 'c2:twice')).toHaveLength(1);
    });

    it('retries a failing handler, then dead-letters the event and moves on', async () => {
      const dead = await dlq();
      const attempts = new Map<string, number>();
      await consume('c3', async (slug) => {
        attempts.set(slug, (attempts.get(slug) ?? 0) + 1);
        if (slug === 'poison' || (slug === 'flaky' && attempts.get(slug)! < 3)) throw new Error(`cannot handle ${slug}`);
      });
      await producer.withTenant(tenantId, (sql) =>
        writeToOutbox(sql, [tenantCreated('poison'), tenantCreated('flaky'), tenantCreated('fine')]));
      relay.nudge();
      // Different keys may land on different partitions: no order between them is promised.
      await eventually(async () => {
        const current = await notes();
        return current.includes('c3:fine') && current.includes('c3:flaky');
      }, 30_000);
      const letter = await eventually(async () => dead.find((m) => m.headers['x-consumer'] === 'c3'), 30_000);
      expect(await notes()).not.toContain('c3:poison');
      expect(attempts.get('poison')).toBe(3);
      expect(attempts.get('flaky')).toBe(3);
      expect(letter.headers['x-error']).toBe('cannot handle poison');
      expect(letter.headers['x-attempts']).toBe('3');
      expect(JSON.parse(letter.value).data.slug).toBe('poison');
    });

    it('dead-letters an event whose payload breaks its contract without retrying', async () => {
      const dead = await dlq();
      const bad = { ...tenantCreated('bad'), data: { tenantId, name: 'no slug' } };
      await bus.publish([{ topic: topicOf('tenancy'), key: bad.subject, value: JSON.stringify(bad) }]);
      const letter = await eventually(async () => dead.find((m) => JSON.parse(m.value).id === bad.id), 30_000);
      expect(letter.headers['x-error']).toMatch(/invalid tenancy.tenant.created payload/);
    });

    if (options.outage) {
      const outage = options.outage;
      it('keeps writing while the broker is down and drains the outbox after it returns', async () => {
        await consume('c4', async () => {});
        await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated('before-outage')]));
        relay.nudge();
        await eventually(async () => (await notes()).includes('c4:before-outage'), 30_000);
        await outage.stop();
        try {
          for (let i = 0; i < 5; i += 1) {
            await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated(`during-outage-${i}`)]));
          }
          relay.nudge();
          await new Promise((r) => setTimeout(r, 1000));
          expect(await relay.backlog()).toBe(5);
        } finally {
          await outage.start();
        }
        await eventually(async () => (await notes()).filter((n) => n.startsWith('c4:during-outage')).length === 5, 90_000, 250);
        expect(await relay.backlog()).toBe(0);
      }, 180_000);
    }
  });
}
