import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from './db';
import type { Logger } from './logger';
import { observeTableRows } from './metrics';
import { runPeriodically } from './periodic';

/**
 * How long the platform's own tables keep their rows. A published outbox row has done its job;
 * an inbox row only has to outlive every redelivery of its event (a replayed dead letter
 * included), so its age must stay above the longest a consumer can lag or a replay can wait.
 */
export interface RetentionSettings {
  outboxDays: number;
  inboxDays: number;
  /** How often old rows are deleted; 0 turns the timer off. */
  everyMs: number;
}

export const defaultRetention: RetentionSettings = { outboxDays: 7, inboxDays: 7, everyMs: 3_600_000 };

/** The variables, parsed with the other platform variables (see config.ts); unset means the default. */
export const retentionEnv = {
  OUTBOX_RETENTION_DAYS: z.coerce.number().positive().optional(),
  INBOX_RETENTION_DAYS: z.coerce.number().positive().optional(),
  RETENTION_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(0).optional(),
};

export const retentionSettings = (env: {
  OUTBOX_RETENTION_DAYS?: number; INBOX_RETENTION_DAYS?: number; RETENTION_CHECK_INTERVAL_SECONDS?: number;
}): RetentionSettings => ({
  outboxDays: env.OUTBOX_RETENTION_DAYS ?? defaultRetention.outboxDays,
  inboxDays: env.INBOX_RETENTION_DAYS ?? defaultRetention.inboxDays,
  everyMs: env.RETENTION_CHECK_INTERVAL_SECONDS !== undefined ? env.RETENTION_CHECK_INTERVAL_SECONDS * 1000 : defaultRetention.everyMs,
});

const DAY_MS = 86_400_000;
/** Rows per DELETE, so a large backlog of old rows never holds long locks. */
const BATCH = 5000;

/**
 * Keyed requests' marks outlive the gateway's 24 hours of Idempotency-Key answers by a day: a
 * retry can never find the gateway's key and miss the service's mark (request-marks.ts).
 */
const REQUEST_MARK_DAYS = 2;

/** Deletes published outbox rows, inbox rows and request marks older than the settings allow, as of `now`. */
export async function deleteExpiredRows(
  db: Database, settings: RetentionSettings, now = new Date(),
): Promise<{ outbox: number; inbox: number; requestMarks: number }> {
  const deleteInBatches = async (statement: string, cutoff: Date) => {
    let total = 0;
    for (;;) {
      const r = await db.asOwner((sql) => sql.query(statement, [cutoff, BATCH]));
      total += r.rowCount;
      if (r.rowCount < BATCH) return total;
    }
  };
  const outbox = await deleteInBatches(
    `DELETE FROM outbox WHERE seq IN (
       SELECT seq FROM outbox WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY published_at LIMIT $2)`,
    new Date(now.getTime() - settings.outboxDays * DAY_MS),
  );
  const inbox = await deleteInBatches(
    `DELETE FROM inbox WHERE (consumer, event_id) IN (
       SELECT consumer, event_id FROM inbox WHERE processed_at < $1 ORDER BY processed_at LIMIT $2)`,
    new Date(now.getTime() - settings.inboxDays * DAY_MS),
  );
  const requestMarks = await deleteInBatches(
    `DELETE FROM request_marks WHERE (tenant_id, key) IN (
       SELECT tenant_id, key FROM request_marks WHERE created_at < $1 ORDER BY created_at LIMIT $2)`,
    new Date(now.getTime() - REQUEST_MARK_DAYS * DAY_MS),
  );
  return { outbox, inbox, requestMarks };
}

/** The tables' row counts from PostgreSQL's statistics (cheap at any size, near the exact count). */
async function liveRows(db: Database, table: 'outbox' | 'inbox' | 'request_marks'): Promise<number> {
  const r = await db.driver.query<{ n: number }>(
    `SELECT n_live_tup::int AS n FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2`,
    [db.schema, table],
  );
  return r.rows[0]?.n ?? 0;
}

/**
 * Runs the retention job while the app is up, and reports the outbox and inbox sizes at every
 * scrape (tandem_table_rows).
 */
export function scheduleRetention(app: FastifyInstance, db: Database, logger: Logger, settings: RetentionSettings = defaultRetention): void {
  runPeriodically(app, logger, { name: 'retention', everyMs: settings.everyMs, run: () => deleteExpiredRows(db, settings) });
  const stops = (['outbox', 'inbox', 'request_marks'] as const).map((table) => observeTableRows(db.schema, table, () => liveRows(db, table)));
  app.addHook('onClose', async () => {
    for (const stop of stops) stop();
  });
}
