import { topicForEvent, type Envelope, type EventType } from '@tandem/contracts';
import type { EventBus } from './bus/port';
import type { Database, Sql } from './db';
import type { Logger } from './logger';
import { countPublishedEvents, observeOutboxBacklog } from './metrics';

/** Writes events in the caller's transaction: they are published if and only if it commits. */
export async function writeToOutbox(sql: Sql, events: readonly Envelope[]): Promise<void> {
  if (events.length === 0) return;
  // One statement however many events; ORDER BY keeps them in the given order in the outbox (seq).
  await sql.query(
    `INSERT INTO outbox (id, topic, key, envelope)
     SELECT id, topic, key, envelope FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])
       WITH ORDINALITY AS t(id, topic, key, envelope, n) ORDER BY n`,
    [events.map((e) => e.id), events.map((e) => topicForEvent(e.type as EventType)), events.map((e) => e.subject),
      events.map((e) => JSON.stringify(e))],
  );
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often to look for rows nobody nudged about (other processes, restarts). */
  pollMs?: number;
  /** Longest wait between attempts while the bus is down. */
  maxBackoffMs?: number;
}

/**
 * Moves committed outbox rows to the bus in commit order. One relay per schema is active at a
 * time (an advisory lock), which keeps per-key order even with several replicas. While the bus
 * is down rows stay in the table and the relay retries with backoff, so nothing is lost.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private unobserve: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unobserve = observeOutboxBacklog(this.db.schema, () => this.backlog());
    this.loop = this.run();
  }

  /** Called after a transaction that wrote events, so they leave at once instead of at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unobserve?.();
    this.unobserve = undefined;
    this.nudge();
    await this.loop;
  }

  /** Rows written but not yet on the bus. */
  async backlog(): Promise<number> {
    const r = await this.db.asOwner((sql) =>
      sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`),
    );
    return r.rows[0]?.n ?? 0;
  }

  /** Publishes one batch; returns how many rows it published. */
  async drainOnce(): Promise<number> {
    return this.db.asOwner(async (sql) => {
      const lock = await sql.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok`, [
        `tandem.outbox.${this.db.schema}`,
      ]);
      if (!lock.rows[0]?.ok) return 0;
      const rows = await sql.query<{ seq: number; topic: string; key: string; envelope: unknown }>(
        `SELECT seq, topic, key, envelope FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [this.batchSize],
      );
      if (rows.rows.length === 0) return 0;
      await this.bus.publish(
        rows.rows.map((r) => {
          const envelope = (typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope) as Envelope;
          return {
            topic: r.topic,
            key: r.key,
            value: JSON.stringify(envelope),
            headers: { 'event-type': envelope.type, ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}) },
          };
        }),
      );
      // By the rows' own numbers: a transaction still in flight may commit a lower seq later.
      await sql.query(`UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.rows.map((r) => r.seq)]);
      return rows.rows.length;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.drainOnce();
        if (published > 0) countPublishedEvents(this.db.schema, published);
        if (failures > 0) this.logger.info({ failures }, 'outbox relay reconnected');
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({ err: error, failures }, 'outbox relay could not publish; rows stay queued');
        }
      }
      if (published === this.batchSize) continue;
      const wait = failures > 0 ? Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures, 10)) : this.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        // While the bus is down, new writes wait for the backoff instead of hammering it.
        if (failures === 0) {
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        }
      });
      this.wake = undefined;
    }
  }
}
