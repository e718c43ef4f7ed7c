import { topicOf, deadLetterTopic } from '@tandem/contracts';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEvent, createLogger, Database, migrate, NotYetKnown, on, OutboxRelay, postgresDriver, prometheusMetrics,
  startConsumer, startTelemetry, stopTelemetry, uuidv7, writeToOutbox,
  type EventBus, type IncomingMessage, type Sql, type SqlDriver, type Subscription,
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
      // For the consumer's metrics at prometheusMetrics().
      startTelemetry({ serviceName: `delivery-${name}` });
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
      await stopTelemetry();
    });

    const tenantCreated = (slug: string, subject = uuidv7()) =>
      createEvent('producer', tenantId, 'tenancy.tenant.created', subject, { tenantId, name: slug, slug });
    const notes = async () =>
      (await consumer.withTenant(tenantId, (sql) => sql.query<{ body: string }>(`SELECT body FROM notes ORDER BY body`))).rows.map((r) => r.body);
    const consume = async (consumerName: string, handle: (slug: string, sql: Sql) => Promise<void>) => {
      const subscription = await startConsumer({
        name: consumerName, db: consumer, bus, logger, maxAttempts: 3, backoffMs: 10, maxBackoffMs: 50,
        handlers: [on('tenancy.tenant.created', async (sql, event) => {
          await handle(event.data.slug, sql);
          await sql.query(`INSERT INTO notes VALUES ($1, $2, $3)`, [uuidv7(), event.tenantId, `${consumerName}:${event.data.slug}`]);
        })],
      });
      subscriptions.push(subscription);
      return subscription;
    };
    const waitingGauge = async (consumerName: string) =>
      new RegExp(`^tandem_consumer_waiting\\{[^}]*consumer="${consumerName}"[^}]*\\} (\\d+)`, 'm').exec(await prometheusMetrics())?.[1];
    const lettersAbout = (letters: IncomingMessage[], consumerName: string, slug: string) =>
      letters.filter((m) => m.headers['x-consumer'] === consumerName && JSON.parse(m.value).data.slug === slug);
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

    it('retries a transient failure for as long as it lasts, holding what follows on its key, and counts the wait', async () => {
      const dead = await dlq();
      let pass = false;
      let attempts = 0;
      const order: string[] = [];
      await consume('c6', async (slug) => {
        if (slug === 'waits') {
          attempts += 1;
          if (!pass) throw new NotYetKnown('the program of this event');
        }
        if (slug === 'waits' || slug === 'waits-behind') order.push(slug);
      });
      const subject = uuidv7();
      await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated('waits', subject), tenantCreated('waits-behind', subject)]));
      relay.nudge();
      // Far past maxAttempts (3): a transient failure is not dead-lettered.
      await eventually(async () => attempts >= 8, 30_000);
      expect(order).toEqual([]);
      expect(await waitingGauge('c6')).toBe('1');
      pass = true;
      await eventually(async () => order.length === 2, 30_000);
      expect(order).toEqual(['waits', 'waits-behind']);
      expect(await waitingGauge('c6')).toBe('0');
      expect((await notes()).filter((n) => n === 'c6:waits')).toHaveLength(1);
      expect(lettersAbout(dead, 'c6', 'waits')).toEqual([]);
    });

    it('retries an event whose transaction lost its database connection, and applies it once', async () => {
      const dead = await dlq();
      let cuts = 0;
      await consume('c7', async (slug, sql) => {
        // More cuts than maxAttempts: connection errors are transient.
        if (slug === 'cut' && cuts < 4) {
          cuts += 1;
          // Cut from another connection (as the database owner), as a failover would.
          const { rows } = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await driver.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
          await sql.query('SELECT 1');
        }
      });
      await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated('cut')]));
      relay.nudge();
      await eventually(async () => (await notes()).includes('c7:cut'), 30_000);
      expect(cuts).toBe(4);
      expect((await notes()).filter((n) => n === 'c7:cut')).toHaveLength(1);
      expect(lettersAbout(dead, 'c7', 'cut')).toEqual([]);
    });

    it('gives a waiting event up when its consumer closes; the next member of the group handles it', async () => {
      let pass = false;
      let attempts = 0;
      const first = await consume('c8', async (slug) => {
        if (slug !== 'handed-over') return;
        attempts += 1;
        if (!pass) throw new NotYetKnown('the program of this event');
      });
      await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated('handed-over')]));
      relay.nudge();
      await eventually(async () => attempts >= 2, 30_000);
      // close() stops the wait at once instead of waiting for the failure to pass.
      await first.close();
      // An attempt already under way may finish; none starts after it.
      await new Promise((r) => setTimeout(r, 200));
      const tried = attempts;
      pass = true;
      await new Promise((r) => setTimeout(r, 300));
      expect(attempts).toBe(tried);
      await consume('c8', async () => {});
      await eventually(async () => (await notes()).includes('c8:handed-over'), 60_000);
      expect((await notes()).filter((n) => n === 'c8:handed-over')).toHaveLength(1);
    }, 90_000);

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

      it('starts a consumer while the broker is down: it joins once the broker is back and handles what waited', async () => {
        await outage.stop();
        let late: Subscription;
        try {
          late = await consume('c9', async () => {});
          expect(late.joined()).toBe(false);
          await producer.withTenant(tenantId, (sql) => writeToOutbox(sql, [tenantCreated('while-c9-was-away')]));
          relay.nudge();
        } finally {
          await outage.start();
        }
        await eventually(async () => (await notes()).includes('c9:while-c9-was-away'), 120_000, 250);
        expect(late.joined()).toBe(true);
      }, 240_000);
    }
  });
}
