import {
  deadLetterTopic, envelopeSchema, eventSchemas, topicForEvent, type Envelope, type EventData, type EventType,
} from '@tandem/contracts';
import type { EventBus, IncomingMessage, Subscription } from './bus/port';
import type { Database, Sql } from './db';
import type { Logger } from './logger';
import { countConsumedEvent, countWaitingEvents, observeConsumerJoined, observeConsumerLag } from './metrics';
import { continueTrace, inSpan, SpanKind } from './telemetry';
import { isTransient } from './transient';

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
  /** Attempts at an event whose handler fails for good (a bug, bad data) before it is dead-lettered. Default 5. */
  maxAttempts?: number;
  /** First wait before a retry, doubled with every attempt. Default 200 ms. */
  backoffMs?: number;
  /** Longest wait between retries of a transient failure, which is retried until it passes. Default 5 s. */
  maxBackoffMs?: number;
  /** Called after a handler's transaction commits (e.g. to nudge the outbox relay). */
  afterCommit?: () => void;
}

/** Waits `ms`, or less when the signal aborts (the message was given up): then it rejects. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });

/** Log a transient wait at its first retry and then at every this many. */
const LOG_WAIT_EVERY = 10;

/**
 * Runs a service's event handlers: validates each envelope against its contract, skips types the
 * service does not handle, records the event id in the inbox in the handler's own transaction
 * (so a redelivered event is applied once), and retries what fails:
 *
 * - a transient failure (see isTransient: the database or broker away, a serialization failure or
 *   deadlock, a timeout, a fact not known yet) is retried with capped exponential backoff for as
 *   long as it takes, holding the event's partition (what comes after it on that key waits too),
 *   counted in tandem_consumer_waiting and logged while it lasts;
 * - any other failure (a bug, data the handler refuses) is retried maxAttempts times, then the
 *   event is dead-lettered with its error and the consumer moves on. An event that breaks its
 *   contract is dead-lettered at once.
 *
 * Resolves at once: the consumer joins its group in the background, for as long as that takes
 * (the returned subscription's joined() says when it has).
 */
export async function startConsumer(options: ConsumerOptions): Promise<Subscription> {
  const { name, db, bus, logger } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 200;
  const maxBackoffMs = options.maxBackoffMs ?? 5_000;
  const handlers = new Map<string, EventHandler>(options.handlers.map((h) => [h.type, h]));
  const topics = [...new Set(options.handlers.map((h) => topicForEvent(h.type)))];

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

  /** The handler and the event's inbox row in one transaction; false when the inbox had it (a redelivery). */
  const applyOnce = (handler: EventHandler, event: Envelope<EventData<EventType>>) =>
    db.withTenant(event.tenantId, async (sql) => {
      const first = await sql.query(
        `INSERT INTO inbox (consumer, event_id, tenant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [name, event.id, event.tenantId],
      );
      if (first.rowCount === 0) return false;
      await handler.handle(sql, event);
      return true;
    });

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
        let failures = 0;
        let waits = 0;
        const waitingSince = Date.now();
        try {
          for (;;) {
            try {
              const applied = await applyOnce(handler, typed);
              countConsumedEvent(name, event.type, applied ? 'handled' : 'duplicate');
              if (waits > 0) logger.info({ type: event.type, eventId: event.id, waits, waitedMs: Date.now() - waitingSince }, 'event handled after a transient failure passed');
              options.afterCommit?.();
              return;
            } catch (error) {
              if (isTransient(error)) {
                waits += 1;
                if (waits === 1) countWaitingEvents(name, 1);
                countConsumedEvent(name, event.type, 'waited');
                if (waits === 1 || waits % LOG_WAIT_EVERY === 0) {
                  logger.warn(
                    { err: error, type: event.type, eventId: event.id, waits, waitingMs: Date.now() - waitingSince },
                    'event waits for a transient failure to pass; retrying until it does',
                  );
                }
                await sleep(Math.min(maxBackoffMs, backoffMs * 2 ** Math.min(waits - 1, 20)), message.signal);
                continue;
              }
              failures += 1;
              if (failures >= maxAttempts) return deadLetter(message, (error as Error).message ?? String(error), failures, event.type);
              countConsumedEvent(name, event.type, 'retried');
              logger.warn({ err: error, type: event.type, attempt: failures }, 'event handler failed; retrying');
              await sleep(backoffMs * 2 ** (failures - 1), message.signal);
            }
          }
        } finally {
          if (waits > 0) countWaitingEvents(name, -1);
        }
      },
    );
  };

  // Joining needs the broker. A process must come up without it (or while a loaded broker is
  // still creating topics and loading groups): its HTTP API and outbox work meanwhile. So the
  // consumer joins in the background, trying until it is in its group (see joined()).
  let subscription: Subscription | undefined;
  let closed = false;
  const stopped = new AbortController();
  const joining = (async () => {
    for (let attempt = 1; !closed; attempt += 1) {
      try {
        await bus.ensureTopics([...topics, ...topics.map(deadLetterTopic)]);
        const joined = await bus.subscribe({ group: name, topics, fromBeginning: true }, process);
        if (closed) await joined.close();
        else subscription = joined;
        if (attempt > 1) logger.info({ attempt }, 'consumer joined its group');
        return;
      } catch (error) {
        if (closed) return;
        logger.warn({ err: error, attempt }, 'consumer could not join its group yet; retrying');
        await sleep(Math.min(1000 * attempt, 10_000), stopped.signal).catch(() => {});
      }
    }
  })();
  const unobserve = [
    observeConsumerLag(name, () => bus.lag(name, topics)),
    observeConsumerJoined(name, () => subscription?.joined() ?? false),
  ];
  return {
    joined: () => subscription?.joined() ?? false,
    async close() {
      closed = true;
      stopped.abort(new Error('the consumer was closed'));
      for (const stop of unobserve) stop();
      await joining;
      await subscription?.close();
    },
  };
}
