import { endpoints } from '@tandem/contracts';
import { countDashboardRead, implement, notFound, type ServiceContext, type Sql } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { dashboardKey, dashboardVersion } from './dashboard-cache';
import { DETRACTOR_MAX, PROMOTER_MIN, toDashboard, type Dashboard, type ProgramCounts } from './kpi';

interface CountsRow {
  pending: number; approved: number; waitlisted: number; rejected: number; withdrawn: number;
  mentors: number; mentees: number; peers: number; matched_approved: number;
  proposed: number; accepted: number; ended: number; declined: number; at_risk: number; last_run_at: Date | null;
  scheduled: number; needs_time: number; completed: number; missed: number; cancelled: number;
  assigned: number; answered: number; pulse_sum: number; pulse_count: number;
  promoters: number; detractors: number; nps_answers: number; satisfaction_sum: number; satisfaction_count: number;
  updated_at: Date;
}

/** Every count of one program's dashboard in one statement; row-level security keeps it to the tenant. */
const countsSql = `
SELECT e.pending, e.approved, e.waitlisted, e.rejected, e.withdrawn, e.mentors, e.mentees, e.peers,
  mm.matched_approved, m.proposed, m.accepted, m.ended, m.declined, m.at_risk, r.last_run_at,
  s.scheduled, s.needs_time, s.completed, s.missed, s.cancelled,
  a.assigned, a.answered, a.pulse_sum, a.pulse_count, a.promoters, a.detractors, a.nps_answers,
  a.satisfaction_sum, a.satisfaction_count,
  GREATEST(p.event_time, e.last_event, m.last_event, m.last_flag, s.last_event, a.last_event, r.last_run_at) AS updated_at
FROM programs p
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
         count(*) FILTER (WHERE status = 'approved')::int AS approved,
         count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
         count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
         count(*) FILTER (WHERE status = 'approved' AND role = 'mentor')::int AS mentors,
         count(*) FILTER (WHERE status = 'approved' AND role = 'mentee')::int AS mentees,
         count(*) FILTER (WHERE status = 'approved' AND role = 'peer')::int AS peers,
         max(event_time) AS last_event
  FROM enrollments WHERE program_id = p.program_id
) e
CROSS JOIN LATERAL (
  SELECT count(DISTINCT en.participant_id)::int AS matched_approved
  FROM enrollments en
  JOIN match_members mb ON mb.participant_id = en.participant_id
  JOIN matches mt ON mt.match_id = mb.match_id AND mt.program_id = en.program_id
  WHERE en.program_id = p.program_id AND en.status = 'approved' AND mt.status IN ('proposed', 'accepted')
) mm
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE status = 'proposed')::int AS proposed,
         count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
         count(*) FILTER (WHERE status = 'ended')::int AS ended,
         count(*) FILTER (WHERE status = 'declined')::int AS declined,
         count(*) FILTER (WHERE status = 'accepted' AND at_risk_since IS NOT NULL)::int AS at_risk,
         max(event_time) AS last_event, max(at_risk_since) AS last_flag
  FROM matches WHERE program_id = p.program_id
) m
CROSS JOIN LATERAL (SELECT max(completed_at) AS last_run_at FROM matching_runs WHERE program_id = p.program_id) r
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled,
         count(*) FILTER (WHERE status = 'needs-time')::int AS needs_time,
         count(*) FILTER (WHERE status = 'completed')::int AS completed,
         count(*) FILTER (WHERE status = 'missed')::int AS missed,
         count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
         max(event_time) AS last_event
  FROM sessions WHERE program_id = p.program_id
) s
CROSS JOIN LATERAL (
  SELECT count(*)::int AS assigned,
         count(*) FILTER (WHERE status = 'answered')::int AS answered,
         COALESCE(sum(rating) FILTER (WHERE kind = 'pulse'), 0)::float8 AS pulse_sum,
         count(rating) FILTER (WHERE kind = 'pulse')::int AS pulse_count,
         count(*) FILTER (WHERE kind = 'end' AND nps >= $2)::int AS promoters,
         count(*) FILTER (WHERE kind = 'end' AND nps <= $3)::int AS detractors,
         count(nps) FILTER (WHERE kind = 'end')::int AS nps_answers,
         COALESCE(sum(satisfaction) FILTER (WHERE kind = 'end'), 0)::float8 AS satisfaction_sum,
         count(satisfaction) FILTER (WHERE kind = 'end')::int AS satisfaction_count,
         max(event_time) AS last_event
  FROM survey_assignments WHERE program_id = p.program_id
) a
WHERE p.program_id = $1`;

/** The dashboard from the read models, or 404 for a program this tenant never had. */
export async function readDashboard(sql: Sql, programId: string): Promise<Dashboard> {
  const r = await sql.query<CountsRow>(countsSql, [programId, PROMOTER_MIN, DETRACTOR_MAX]);
  const c = r.rows[0];
  if (!c) throw notFound('program');
  const counts: ProgramCounts = {
    enrollments: { pending: c.pending, approved: c.approved, waitlisted: c.waitlisted, rejected: c.rejected, withdrawn: c.withdrawn },
    approvedByRole: { mentor: c.mentors, mentee: c.mentees, peer: c.peers },
    matchedApproved: c.matched_approved,
    matches: { proposed: c.proposed, accepted: c.accepted, ended: c.ended, declined: c.declined, atRisk: c.at_risk },
    lastRunAt: c.last_run_at,
    sessions: { scheduled: c.scheduled, needsTime: c.needs_time, completed: c.completed, missed: c.missed, cancelled: c.cancelled },
    surveys: { assigned: c.assigned, answered: c.answered },
    pulse: { sum: c.pulse_sum, count: c.pulse_count },
    nps: { promoters: c.promoters, detractors: c.detractors, answers: c.nps_answers },
    endSatisfaction: { sum: c.satisfaction_sum, count: c.satisfaction_count },
    updatedAt: c.updated_at,
  };
  return toDashboard(programId, counts);
}

export function dashboardRoutes(app: FastifyInstance, ctx: ServiceContext, ttlSeconds: number): void {
  implement(app, endpoints.getProgramDashboard, async ({ params: { id }, caller: { tenantId }, request, reply }) => {
    const version = await ctx.db.withTenant(tenantId, (sql) => dashboardVersion(sql, id));
    const cached = await ctx.cache.get(dashboardKey(tenantId, id, version)).catch((error: unknown) => {
      request.log.warn({ err: error }, 'dashboard cache unavailable; reading the database');
      return null;
    });
    countDashboardRead(cached !== null ? 'hit' : 'miss');
    if (cached !== null) return reply.header('x-cache', 'hit').type('application/json').send(cached);

    // The counts and their version from one snapshot (see dashboard-cache.ts); cached once the
    // transaction is over, without waiting: the answer does not depend on the cache.
    const computed = await ctx.db.withTenant(tenantId, async (sql) => ({
      version: await dashboardVersion(sql, id),
      dashboard: await readDashboard(sql, id),
    }), { snapshot: true });
    ctx.cache.set(dashboardKey(tenantId, id, computed.version), JSON.stringify(computed.dashboard), ttlSeconds).catch((error: unknown) => {
      request.log.warn({ err: error }, 'dashboard not cached');
    });
    return reply.header('x-cache', 'miss').send(computed.dashboard);
  });
}
