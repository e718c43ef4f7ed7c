import { runPeriodically, type ServiceContext, type Sql } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { assignSurvey } from './assignment-store';
import { enrolleesOf } from './projections';

const DAY_MS = 86_400_000;
/** How long people have to answer the follow-up. */
const FOLLOW_UP_ANSWER_DAYS = 14;

export interface FollowUpOptions {
  /** Days after a program closes that its follow-up survey goes out. */
  afterDays: number;
  /** How often due follow-ups are looked for; 0 turns the timer off. */
  everyMs: number;
  /** The check's notion of now. */
  clock: () => Date;
}

/** On close: the follow-up falls due `afterDays` after the closing (the first close counts). */
export async function setFollowUpDue(sql: Sql, programId: string, closedAt: Date, afterDays: number): Promise<void> {
  await sql.query(`UPDATE programs SET follow_up_due_at = COALESCE(follow_up_due_at, $2) WHERE id = $1`, [
    programId, new Date(closedAt.getTime() + afterDays * DAY_MS),
  ]);
}

/**
 * Sends every follow-up that is due: a 'follow-up' survey to each of the program's enrollees, once
 * (assignSurvey keeps one per person and program), then marks the program's follow-up as sent.
 */
export async function sendDueFollowUps(ctx: ServiceContext, now: Date): Promise<{ programs: number; assigned: number }> {
  const due = await ctx.db.asOwner((sql) =>
    sql.query<{ id: string; tenant_id: string }>(
      `SELECT id, tenant_id FROM programs WHERE follow_up_sent_at IS NULL AND follow_up_due_at <= $1 ORDER BY follow_up_due_at, id`,
      [now],
    ));
  const outcome = { programs: 0, assigned: 0 };
  // One transaction per program; the row lock and the sent mark keep two checks from sending twice.
  for (const { id, tenant_id: tenantId } of due.rows) {
    const assigned = await ctx.transaction(tenantId, async (sql) => {
      const locked = await sql.query(`SELECT 1 FROM programs WHERE id = $1 AND follow_up_sent_at IS NULL FOR UPDATE`, [id]);
      if (locked.rowCount === 0) return undefined;
      const dueAt = new Date(now.getTime() + FOLLOW_UP_ANSWER_DAYS * DAY_MS);
      let count = 0;
      for (const enrollee of await enrolleesOf(sql, id)) {
        const added = await assignSurvey(sql, ctx.name, tenantId, {
          programId: id, participantId: enrollee.participant_id, kind: 'follow-up', skills: enrollee.skills_sought, dueAt,
        });
        if (added) count += 1;
      }
      await sql.query(`UPDATE programs SET follow_up_sent_at = $2 WHERE id = $1`, [id, now]);
      return count;
    });
    if (assigned === undefined) continue;
    outcome.programs += 1;
    outcome.assigned += assigned;
  }
  return outcome;
}

export function scheduleFollowUps(app: FastifyInstance, ctx: ServiceContext, options: FollowUpOptions): void {
  runPeriodically(app, ctx.logger, { name: 'follow-up surveys', everyMs: options.everyMs, run: () => sendDueFollowUps(ctx, options.clock()) });
}
