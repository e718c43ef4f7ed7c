import {
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type Consumer,
  type EachMessagePayload,
  type IHeaders,
  type KafkaConfig,
  type LogEntry,
  type Producer,
  type RetryOptions,
} from 'kafkajs';
import type { EventBus, IncomingMessage, MessageHandler, OutgoingMessage, SubscribeOptions, Subscription } from './port';

/**
 * The Kafka adapter of the bus port (kafkajs 2.2.4).
 *
 * Delivery, per the port: the producer is idempotent and waits for every in-sync replica (acks
 * all); a message's key picks its partition (Java-compatible murmur2), so order holds per key.
 * Each subscribe() is one consumer (one group member) with auto-commit off: after the handler
 * resolves, the adapter commits offset + 1 for that partition; when it rejects, the adapter seeks
 * the partition back to the same offset and pauses it for a short backoff, so that message (and
 * nothing after it on that partition) is delivered next. A member that is closed, or dies, while a
 * handler runs commits nothing, so the group delivers the message again (at-least-once; the inbox
 * above the port makes handlers idempotent).
 *
 * Kafka 4.x (KIP-896 removed old protocol versions) and kafkajs 2.2.4 (last release, 2023),
 * checked against a 4.4.0 broker (infra/kafka) by test/bus-kafka.integration.test.ts: kafkajs
 * negotiates with ApiVersions and uses the newest version it knows, and 4.x still serves all of
 * them (seen on the wire: ApiVersions v2, Metadata v6, Produce v7, InitProducerId v1, Fetch v11,
 * ListOffsets v3, FindCoordinator v2, JoinGroup v5, SyncGroup/Heartbeat/LeaveGroup v3,
 * OffsetCommit v5, OffsetFetch v4, CreateTopics v3). kafkajs speaks only the classic group
 * protocol, which 4.x keeps next to KIP-848's. Idempotent produce, groups, explicit commits,
 * rebalances on join/leave and after a session timeout, and a broker restart all work.
 * What follows from kafkajs' old versions:
 * - CreateTopics v3 cannot ask for the broker's default replication factor (-1 needs v4), so
 *   ensureTopics picks min(3, number of brokers) itself.
 * - kafkajs heartbeats from its fetch loop only, i.e. not while a handler runs; the adapter
 *   heartbeats on a timer during a handler, so a slow handler does not lose the membership.
 * - On Node 24 kafkajs makes Node print one `TimeoutNegativeWarning` per process (its request
 *   queue computes a negative delay, which Node clamps to 1 ms: harmless; kafkajs issue #1751, fix
 *   unreleased). Left alone rather than patching kafkajs or filtering process warnings.
 */
export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** TLS and SASL settings (kafka-security.ts), for managed or Strimzi clusters. */
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
  logger?: BusLogger;
  /** Partitions of the topics ensureTopics creates. Default 3. */
  partitions?: number;
  consumer?: {
    /** Default 10 s: how long the group waits for a member that vanished without leaving. */
    sessionTimeoutMs?: number;
    /** Default 1 s. */
    heartbeatIntervalMs?: number;
    /** Default 30 s: how long a rebalance waits for members busy in a handler. */
    rebalanceTimeoutMs?: number;
    /** Long-poll time of a fetch. Default 100 ms (latency over request count). */
    maxWaitTimeInMs?: number;
    /** Partitions handled at the same time by one member. Default 3 (order is per partition). */
    partitionsConsumedConcurrently?: number;
  };
}

export interface BusLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const PING_TIMEOUT_MS = 3000;
const REDELIVERY_BASE_MS = 50;
const REDELIVERY_MAX_MS = 2000;
const RESTART_DELAY_MS = 1000;
/** Tries to join a group at start-up before giving up (about 20 s with the linear backoff). */
const START_ATTEMPTS = 12;
/** Tries to see every ensured topic with a leader (about 25 s). */
const ENSURE_ATTEMPTS = 35;

/** Bounded, so publish() rejects while the broker is down and the outbox relay backs off. */
const PRODUCER_RETRY: RetryOptions = { initialRetryTime: 100, maxRetryTime: 2000, retries: 6 };
/** Consumers: kafkajs restarts a member whose retries run out (restartOnFailure), see below. */
const CONSUMER_RETRY: RetryOptions = { initialRetryTime: 100, maxRetryTime: 2000, retries: 8 };

/** Heartbeat answers that mean the member is losing its partitions (a rebalance, or it was dropped). */
const MEMBERSHIP_LOST = new Set(['REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'FENCED_INSTANCE_ID']);

const silentLogger: BusLogger = { info() {}, warn() {}, error() {} };

// kafkajs log lines that say nothing actionable here: dropped.
const QUIET_MESSAGES = [
  // We bound the idempotent producer's retries on purpose (see PRODUCER_RETRY and publish()).
  'Limiting retries for the idempotent producer',
];
/**
 * kafkajs logs at ERROR every protocol error it then retries and every failed connection attempt.
 * What it retries by itself is routine (info): rebalances (a member joined or left, so every
 * deploy), coordinators or leaders still loading or moving, topics being auto-created or not yet
 * known to the broker. Failed connections and consumer restarts are worth a warning, not an
 * error: publish() and ping() reject to their callers, and consumers restart until the broker is
 * back.
 */
const TRANSIENT = /rebalanc|coordinator|leader|not available|loading|unknown topic|does not host|not the correct/i;
const levelOf = (entry: LogEntry, message: string, extra: Record<string, unknown>): 'info' | 'warn' | 'error' => {
  if (message.startsWith('The group is rebalancing')) return 'info';
  if (message.startsWith('Response ')) return TRANSIENT.test(String(extra.error ?? '')) ? 'info' : 'warn';
  if (['Connection', 'BrokerPool'].includes(entry.namespace)) return 'warn';
  if (/^(Crash: |Restarting the consumer)/.test(message)) return 'warn';
  return entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
};

export function createKafkaBus(options: KafkaBusOptions): EventBus {
  const logger = options.logger ?? silentLogger;
  const partitions = options.partitions ?? 3;
  const tuning = {
    sessionTimeout: options.consumer?.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: options.consumer?.heartbeatIntervalMs ?? 1000,
    rebalanceTimeout: options.consumer?.rebalanceTimeoutMs ?? 30_000,
    maxWaitTimeInMs: options.consumer?.maxWaitTimeInMs ?? 100,
    partitionsConsumedConcurrently: options.consumer?.partitionsConsumedConcurrently ?? 3,
  };

  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...options.security,
    connectionTimeout: 3000,
    requestTimeout: 15_000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = entry.log;
      if (QUIET_MESSAGES.some((quiet) => message.startsWith(quiet))) return;
      const obj = { component: 'kafkajs', namespace: entry.namespace, ...extra };
      logger[levelOf(entry, message, extra)](obj, `kafkajs: ${message}`);
    },
  });

  let closed = false;
  let closing: Promise<void> | undefined;
  const members = new Set<Member>();

  // One producer, connected on first use; dropped after a failed publish so the next one starts
  // afresh (new producer id) instead of reusing sequence state from before a broker outage.
  let producer: Promise<Producer> | undefined;
  const getProducer = () => {
    producer ??= (async () => {
      const p = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: PRODUCER_RETRY,
      });
      try {
        await p.connect();
      } catch (error) {
        await p.disconnect().catch(() => {});
        throw error;
      }
      return p;
    })();
    const current = producer;
    current.catch(() => {
      if (producer === current) producer = undefined;
    });
    return current;
  };
  const dropProducer = async (failed: Promise<Producer>) => {
    if (producer !== failed) return;
    producer = undefined;
    const p = await failed.catch(() => undefined);
    await p?.disconnect().catch(() => {});
  };

  let admin: Promise<Admin> | undefined;
  const getAdmin = () => {
    admin ??= (async () => {
      const a = kafka.admin({ retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 3 } });
      try {
        await a.connect();
      } catch (error) {
        await a.disconnect().catch(() => {});
        throw error;
      }
      return a;
    })();
    const current = admin;
    current.catch(() => {
      if (admin === current) admin = undefined;
    });
    return current;
  };

  const assertOpen = () => {
    if (closed) throw new Error('bus is closed');
  };

  const createMember = (subscription: SubscribeOptions, handler: MessageHandler): Member => {
    const topics = [...subscription.topics];
    let consumer: Consumer | undefined;
    let stopped = false;
    let closingMember: Promise<void> | undefined;
    let restartTimer: NodeJS.Timeout | undefined;
    const resumeTimers = new Set<NodeJS.Timeout>();
    /** Consecutive rejections per partition, for the redelivery backoff. */
    const failures = new Map<string, number>();
    // Per-message abort controllers, fired by close() (not one shared promise: racing a long-lived
    // promise against every message would pile up reactions on it for the life of the subscription).
    const inHand = new Set<AbortController>();
    /** Whether the member has joined its group and heard from the coordinator lately (see joined()). */
    let joinedAt: number | undefined;
    let lastHeartbeat = 0;

    const log = { group: subscription.group, topics };

    const eachMessage = (c: Consumer) => async ({ topic, partition, message, heartbeat, pause }: EachMessagePayload) => {
      if (stopped) return; // never committed: the group delivers it again
      const abort = new AbortController();
      const incoming: IncomingMessage = {
        topic,
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        headers: toHeaders(message.headers),
        partition,
        offset: message.offset,
        signal: abort.signal,
      };
      // Keep the membership alive while a slow handler runs (kafkajs does not, see above). When
      // the coordinator says the group is rebalancing or the member is gone, give the message up:
      // kafkajs can only rejoin once this handler returns.
      const beat = setInterval(() => {
        heartbeat().catch((error: unknown) => {
          if (MEMBERSHIP_LOST.has((error as { type?: string }).type ?? '')) abort.abort(error);
        });
      }, tuning.heartbeatInterval);
      const abandoned = new Promise<'abandoned'>((resolve) => abort.signal.addEventListener('abort', () => resolve('abandoned')));
      inHand.add(abort);
      let outcome: { ok: true } | { ok: false; error: unknown } | 'abandoned';
      try {
        outcome = await Promise.race([
          handler(incoming).then(
            () => ({ ok: true as const }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
          abandoned,
        ]);
      } finally {
        clearInterval(beat);
        inHand.delete(abort);
      }
      const key = `${topic}\u0000${partition}`;
      if (outcome === 'abandoned') {
        // Closed mid-message: return at once without committing, so close() does not wait for a
        // handler that may never finish; the message goes to another member (or a later one).
        if (stopped) return;
        // Losing the partition: commit nothing, and make kafkajs drop the rest of the batch, so
        // whoever owns the partition next starts again from this message.
        logger.info({ ...log, topic, partition, offset: message.offset }, 'bus member gave a message up for a rebalance');
        c.seek({ topic, partition, offset: message.offset });
        return;
      }
      if (outcome.ok) {
        failures.delete(key);
        // Throws on a lost membership (rebalance): kafkajs then rejoins and the new owner of the
        // partition gets the message again from the last commit.
        await c.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        return;
      }
      if (stopped) return;
      // Rejected: not committed, and the next message of this partition must be this one again.
      // seek() makes kafkajs drop the rest of the fetched batch and fetch again from the offset
      // (with auto-commit off it commits nothing); pause() holds the partition for the backoff.
      // Throwing instead would also redeliver, but stalls every partition of the member behind
      // kafkajs' retrier and ends in a consumer restart once its retries run out.
      const attempt = (failures.get(key) ?? 0) + 1;
      failures.set(key, attempt);
      logger.warn(
        { ...log, topic, partition, offset: message.offset, attempt, err: outcome.error },
        'bus handler rejected a message; it will be delivered again',
      );
      c.seek({ topic, partition, offset: message.offset });
      const resume = pause();
      const timer = setTimeout(
        () => {
          resumeTimers.delete(timer);
          if (stopped) return;
          try {
            resume();
          } catch {
            // the consumer was restarted meanwhile: its new run starts unpaused
          }
        },
        Math.min(REDELIVERY_BASE_MS * 2 ** (attempt - 1), REDELIVERY_MAX_MS),
      );
      resumeTimers.add(timer);
    };

    const start = async () => {
      const c = kafka.consumer({
        groupId: subscription.group,
        sessionTimeout: tuning.sessionTimeout,
        heartbeatInterval: tuning.heartbeatInterval,
        rebalanceTimeout: tuning.rebalanceTimeout,
        maxWaitTimeInMs: tuning.maxWaitTimeInMs,
        allowAutoTopicCreation: true,
        retry: CONSUMER_RETRY,
      });
      consumer = c;
      joinedAt = undefined;
      c.on(c.events.GROUP_JOIN, () => {
        joinedAt = lastHeartbeat = Date.now();
      });
      c.on(c.events.HEARTBEAT, () => {
        lastHeartbeat = Date.now();
      });
      for (const left of [c.events.REBALANCING, c.events.CRASH, c.events.DISCONNECT, c.events.STOP]) {
        c.on(left, () => {
          if (consumer === c) joinedAt = undefined;
        });
      }
      // kafkajs restarts a crashed consumer itself when the error is retriable; for the others
      // (e.g. a non-retriable error while the broker is away) it gives up, and so would the
      // subscription: restart it here until close().
      c.on(c.events.CRASH, (event) => {
        if (event.payload.restart || stopped) return;
        logger.error({ ...log, err: event.payload.error }, 'bus consumer crashed; restarting it');
        scheduleRestart();
      });
      try {
        await c.connect();
        await c.subscribe({ topics, fromBeginning: subscription.fromBeginning ?? true });
        // Resolves once the member has joined the group (or crashed, which restarts it).
        await c.run({
          autoCommit: false,
          partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently,
          eachMessage: eachMessage(c),
        });
      } catch (error) {
        await c.disconnect().catch(() => {});
        throw error;
      }
    };

    const scheduleRestart = (delay = RESTART_DELAY_MS) => {
      if (stopped || restartTimer) return;
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        if (stopped) return;
        const old = consumer;
        void (async () => {
          await old?.disconnect().catch(() => {});
          if (stopped) return;
          await start();
        })().catch((error: unknown) => {
          logger.warn({ ...log, err: error }, 'bus consumer restart failed; retrying');
          scheduleRestart(Math.min(delay * 2, 10_000));
        });
      }, delay);
    };

    const member: Member = {
      start,
      // Joined, and the coordinator answered a heartbeat within a session: a member whose broker
      // went away stops counting as joined before kafkajs notices and restarts it.
      joined: () => !stopped && joinedAt !== undefined && Date.now() - lastHeartbeat < tuning.sessionTimeout,
      close() {
        closingMember ??= (async () => {
          stopped = true;
          for (const abort of inHand) abort.abort(new Error('the member was closed'));
          inHand.clear();
          clearTimeout(restartTimer);
          for (const timer of resumeTimers) clearTimeout(timer);
          resumeTimers.clear();
          members.delete(member);
          // Leaves the group (LeaveGroup), so the partitions move to the other members now.
          await consumer?.disconnect().catch((error: unknown) => {
            logger.warn({ ...log, err: error }, 'bus consumer did not disconnect cleanly');
          });
        })();
        return closingMember;
      },
    };
    return member;
  };

  return {
    kind: 'kafka',

    async ensureTopics(topics) {
      assertOpen();
      const wanted = [...new Set(topics)];
      if (wanted.length === 0) return;
      // Services starting together create the same topics at once. Until the controller's
      // metadata reaches the broker, another process's fresh topic answers UNKNOWN_TOPIC_OR_PARTITION
      // or LEADER_NOT_AVAILABLE (retriable), which kafkajs' own wait for leaders does not retry:
      // so create what is missing, then wait here until every topic has a leader on every partition.
      for (let attempt = 1; ; attempt += 1) {
        try {
          const a = await getAdmin();
          const existing = new Set(await a.listTopics());
          const missing = wanted.filter((t) => !existing.has(t));
          if (missing.length > 0) {
            const { brokers } = await a.describeCluster();
            const replicationFactor = Math.max(1, Math.min(3, brokers.length));
            // Creating a topic that exists meanwhile (another process) is not an error for kafkajs.
            await a.createTopics({
              topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
            });
          }
          const { topics: metadata } = await a.fetchTopicMetadata({ topics: wanted });
          const leaderless = metadata.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
          if (leaderless.length === 0) return;
          throw Object.assign(new Error(`topics without a leader yet: ${leaderless.map((t) => t.name).join(', ')}`), { retriable: true });
        } catch (error) {
          const retriable = (error as { retriable?: boolean }).retriable === true;
          if (!retriable || attempt >= ENSURE_ATTEMPTS || closed) throw error;
          await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1000)));
        }
      }
    },

    async publish(messages: readonly OutgoingMessage[]) {
      assertOpen();
      if (messages.length === 0) return;
      const byTopic = new Map<string, { key: string; value: string; headers?: Record<string, string> }[]>();
      for (const m of messages) {
        let list = byTopic.get(m.topic);
        if (!list) byTopic.set(m.topic, (list = []));
        list.push(m.headers ? { key: m.key, value: m.value, headers: m.headers } : { key: m.key, value: m.value });
      }
      const current = getProducer();
      try {
        const p = await current;
        await p.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
        });
      } catch (error) {
        await dropProducer(current);
        throw error;
      }
    },

    async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
      assertOpen();
      if (options.topics.length === 0) throw new Error('subscribe needs at least one topic');
      const member = createMember(options, handler);
      members.add(member);
      // Topics that another process has just created may not have a leader yet when several
      // services start together on a fresh broker: kafkajs marks that retriable, so retry.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await member.start();
          break;
        } catch (error) {
          const retriable = (error as { retriable?: boolean }).retriable === true;
          if (!retriable || attempt >= START_ATTEMPTS || closed) {
            await member.close();
            throw error;
          }
          logger.warn({ group: options.group, err: error, attempt }, 'bus consumer could not start yet; retrying');
          await new Promise((r) => setTimeout(r, 250 * attempt));
        }
      }
      return { close: () => member.close(), joined: () => member.joined() };
    },

    async lag(group, topics) {
      assertOpen();
      const a = await getAdmin();
      const committed = await a.fetchOffsets({ groupId: group, topics: [...topics] });
      let behind = 0;
      for (const { topic, partitions } of committed) {
        const at = new Map(partitions.map((p) => [p.partition, Number(p.offset)]));
        for (const end of await a.fetchTopicOffsets(topic)) {
          // -1: nothing committed on this partition yet, so the group starts from the earliest message.
          const from = (at.get(end.partition) ?? -1) >= 0 ? at.get(end.partition)! : Number(end.low);
          behind += Math.max(0, Number(end.high) - from);
        }
      }
      return behind;
    },

    async ping() {
      assertOpen();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`kafka did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
      });
      const current = getAdmin();
      current.catch(() => {}); // a rejection after the timeout is not unhandled
      try {
        await Promise.race([
          (async () => {
            const { brokers } = await (await current).describeCluster();
            if (brokers.length === 0) throw new Error('kafka reports no brokers');
          })(),
          timeout,
        ]);
      } catch (error) {
        // Reconnect from scratch next time.
        if (admin === current) {
          admin = undefined;
          void current.then((a) => a.disconnect()).catch(() => {});
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },

    close() {
      closing ??= (async () => {
        closed = true;
        await Promise.allSettled([...members].map((m) => m.close()));
        const p = producer;
        const a = admin;
        producer = undefined;
        admin = undefined;
        await Promise.allSettled([
          p?.then((x) => x.disconnect()),
          a?.then((x) => x.disconnect()),
        ]);
      })();
      return closing;
    },
  };
}

interface Member {
  start(): Promise<void>;
  joined(): boolean;
  close(): Promise<void>;
}

function toHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}
