import {
  deadLetterTopic, envelopeSchema, eventSchemas, topicForEvent, type Envelope, type EventData, type EventType,
} from '@tandem/contracts';
import type { EventBus, IncomingMessage, Subscription } from './bus/port';
import type { Database, Sql } from './db';
import type { Logger } from './logger';
import { countConsumedEvent, observeConsumerLag } from './metrics';
import { continueTrace, inSpan, SpanKind } from './telemetry';

export interface EventHandler<T extends EventType = EventType> {
  type: T;
  handle(sql: Sql, event: Envelope<EventData<T>>): Promise<void>;
}

/** Declares a handler with its payload typed from the contract. */
export const on = <T extends EventType>(type: T, handle: EventHandler<T>['handle']): EventHandler<T> => ({ type, handle });

export interface ConsumerOptions {
  /** Consumer group and inbox name: the consuming service. */
  name: string;
  db: Database;
  bus: EventBus;
  logger: Logger;
  handlers: readonly EventHandler[];
  maxAttempts?: number;
  backoffMs?: number;
  /** Called after a handler's transaction commits (e.g. to nudge the outbox relay). */
  afterCommit?: () => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a service's event handlers: validates each envelope against its contract, skips types the
 * service does not handle, records the event id in the inbox in the handler's own transaction
 * (so a redelivered event is applied once), retries with backoff and, after maxAttempts,
 * dead-letters the event with its error and moves on.
 */
export async function startConsumer(options: ConsumerOptions): Promise<Subscription> {
  const { name, db, bus, logger } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 200;
  const handlers = new Map<string, EventHandler>(options.handlers.map((h) => [h.type, h]));
  const topics = [...new Set(options.handlers.map((h) => topicForEvent(h.type)))];
  await bus.ensureTopics([...topics, ...topics.map(deadLetterTopic)]);

  const deadLetter = async (message: IncomingMessage, error: string, attempts: number, type = 'unknown') => {
    logger.error({ topic: message.topic, key: message.key, error, attempts }, 'event dead-lettered');
    countConsumedEvent(name, type, 'dead-lettered');
    await bus.publish([
      {
        topic: deadLetterTopic(message.topic),
        key: message.key,
        value: message.value,
        headers: { ...message.headers, 'x-consumer': name, 'x-error': error.slice(0, 1000), 'x-attempts': String(attempts) },
      },
    ]);
  };

  const process = async (message: IncomingMessage): Promise<void> => {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value);
    } catch {
      return deadLetter(message, 'value is not JSON', 0);
    }
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) return deadLetter(message, `invalid envelope: ${envelope.error.message}`, 0);
    const event = envelope.data;
    const handler = handlers.get(event.type);
    if (!handler) return; // Another consumer's event on a shared topic.
    // A payload that breaks its contract will not get better on retry: straight to the DLQ.
    const data = eventSchemas[handler.type].safeParse(event.data);
    if (!data.success) return deadLetter(message, `invalid ${event.type} payload: ${data.error.message}`, 0, event.type);
    const typed = { ...event, data: data.data } as Envelope<EventData<EventType>>;

    await inSpan(
      `${name} consume ${event.type}`,
      { kind: SpanKind.CONSUMER, parent: continueTrace(event.traceparent), attributes: { 'tandem.service': name, 'tenant.id': event.tenantId, 'messaging.message.id': event.id } },
      async () => {
        for (let attempt = 1; ; attempt += 1) {
          try {
            const applied = await db.withTenant(event.tenantId, async (sql) => {
              const first = await sql.query(
                `INSERT INTO inbox (consumer, event_id, tenant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
                [name, event.id, event.tenantId],
              );
              if (first.rowCount === 0) return false; // Already applied: a redelivery.
              await handler.handle(sql, typed);
              return true;
            });
            countConsumedEvent(name, event.type, applied ? 'handled' : 'duplicate');
            options.afterCommit?.();
            return;
          } catch (error) {
            if (attempt >= maxAttempts) return deadLetter(message, (error as Error).message ?? String(error), attempt, event.type);
            countConsumedEvent(name, event.type, 'retried');
            logger.warn({ err: error, type: event.type, attempt }, 'event handler failed; retrying');
            await sleep(backoffMs * 2 ** (attempt - 1));
          }
        }
      },
    );
  };

  const subscription = await bus.subscribe({ group: name, topics, fromBeginning: true }, process);
  const unobserve = observeConsumerLag(name, () => bus.lag(name, topics));
  return {
    close: () => {
      unobserve();
      return subscription.close();
    },
  };
}
