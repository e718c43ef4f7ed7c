import type { Envelope } from '@tandem/contracts';
import { createEvent, runPeriodically, writeToOutbox, type ServiceContext, type Sql } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { markDashboardsChanged } from './dashboard-cache';
import { LOW_PULSE_BELOW } from './kpi';

/**
 * Matches at risk (DESIGN.md §1, Measure): an active match with no completed session for two
 * cadence periods since its last completed session (or, before any, its first planned one), or
 * whose pulse ratings average below LOW_PULSE_BELOW. Flagging a match starts an episode and emits
 * analytics.match.at_risk once; the episode ends when the reasons are gone, and the next one
 * emits again.
 */
export type AtRiskOutcome = { flagged: number; cleared: number };

interface Assessment {
  match_id: string;
  at_risk_since: Date | null;
  at_risk_reasons: string[] | null;
  reasons: string[];
}

const assessSql = `
SELECT m.match_id, m.at_risk_since, m.at_risk_reasons,
  CASE WHEN m.status = 'accepted' AND p.status <> 'closed' THEN array_remove(ARRAY[
    CASE WHEN s.first_planned IS NOT NULL
          AND $2::timestamptz >= COALESCE(s.last_completed, s.first_planned) + p.cadence * 2 THEN 'no-recent-session' END,
    CASE WHEN pulse.average < $3 THEN 'low-pulse' END
  ], NULL) ELSE '{}'::text[] END AS reasons
FROM matches m
JOIN programs p ON p.program_id = m.program_id
CROSS JOIN LATERAL (
  SELECT min(starts_at) FILTER (WHERE status <> 'needs-time') AS first_planned,
         max(starts_at) FILTER (WHERE status = 'completed') AS last_completed
  FROM sessions WHERE match_id = m.match_id
) s
CROSS JOIN LATERAL (
  SELECT avg(a.rating) AS average
  FROM survey_assignments a JOIN sessions se ON se.session_id = a.session_id
  WHERE se.match_id = m.match_id AND a.kind = 'pulse' AND a.rating IS NOT NULL
) pulse
WHERE m.program_id = $1 AND (m.status = 'accepted' OR m.at_risk_since IS NOT NULL)`;

/** Programs with a match that is active or still flagged: the only ones with anything to check. */
const candidatesSql = `SELECT DISTINCT tenant_id, program_id FROM matches WHERE status = 'accepted' OR at_risk_since IS NOT NULL`;

const sameReasons = (a: string[] | null, b: string[]) => (a ?? []).join() === b.join();

async function checkProgram(ctx: ServiceContext, sql: Sql, tenantId: string, programId: string, now: Date): Promise<AtRiskOutcome> {
  const outcome = { flagged: 0, cleared: 0 };
  const assessed = await sql.query<Assessment>(assessSql, [programId, now, LOW_PULSE_BELOW]);
  const events: Envelope[] = [];
  for (const m of assessed.rows) {
    const atRisk = m.reasons.length > 0;
    if (atRisk && !m.at_risk_since) {
      // The guard keeps one episode (and one event) even when two checks run at once.
      const flagged = await sql.query(
        `UPDATE matches SET at_risk_since = $2, at_risk_reasons = $3 WHERE match_id = $1 AND at_risk_since IS NULL`,
        [m.match_id, now, m.reasons],
      );
      if (flagged.rowCount === 0) continue;
      outcome.flagged += 1;
      events.push(createEvent(ctx.name, tenantId, 'analytics.match.at_risk', m.match_id, {
        matchId: m.match_id, programId, reasons: m.reasons,
      }));
    } else if (atRisk && !sameReasons(m.at_risk_reasons, m.reasons)) {
      await sql.query(`UPDATE matches SET at_risk_reasons = $2 WHERE match_id = $1`, [m.match_id, m.reasons]);
    } else if (!atRisk && m.at_risk_since) {
      await sql.query(`UPDATE matches SET at_risk_since = NULL, at_risk_reasons = NULL WHERE match_id = $1`, [m.match_id]);
      outcome.cleared += 1;
    }
  }
  await writeToOutbox(sql, events);
  if (outcome.flagged + outcome.cleared > 0) {
    await markDashboardsChanged(sql, tenantId, [programId]);
  }
  return outcome;
}

/** Runs the check as of `now` for one tenant, or for every tenant when none is given. */
export async function checkAtRisk(ctx: ServiceContext, now: Date, tenantId?: string): Promise<AtRiskOutcome> {
  const programs = tenantId
    ? await ctx.db.withTenant(tenantId, (sql) => sql.query<{ tenant_id: string; program_id: string }>(candidatesSql))
    : await ctx.db.asOwner((sql) => sql.query<{ tenant_id: string; program_id: string }>(candidatesSql));
  const total = { flagged: 0, cleared: 0 };
  // One short transaction per program; what was checked stays checked if a later program fails.
  for (const p of programs.rows) {
    const outcome = await ctx.transaction(p.tenant_id, (sql) => checkProgram(ctx, sql, p.tenant_id, p.program_id, now));
    total.flagged += outcome.flagged;
    total.cleared += outcome.cleared;
  }
  return total;
}

/** Runs the check every `everyMs` (0 turns it off) while the service's HTTP app is up. */
export function scheduleAtRiskChecks(app: FastifyInstance, ctx: ServiceContext, everyMs: number, clock: () => Date): void {
  runPeriodically(app, ctx.logger, { name: 'at-risk check', everyMs, run: () => checkAtRisk(ctx, clock()) });
}
