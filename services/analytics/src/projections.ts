import type { Envelope, EventData, EventType } from '@tandem/contracts';
import { on, type EventHandler, type Sql } from '@tandem/platform';
import { markDashboardsChanged } from './dashboard-cache';
import { eraseParticipant, storedParticipantId } from './participants';

/*
 * Read models of other services' entities. Each handler upserts the entity's row by id and
 * returns the programs whose dashboards changed. Redeliveries are absorbed by the inbox; a
 * duplicate under another id rewrites the same state; and the guard below keeps a row on the
 * newest event it has seen, by (event time, event id), so an older event arriving late is ignored.
 */
const newer = (table: string) => `(${table}.event_time, ${table}.event_id) < (EXCLUDED.event_time, EXCLUDED.event_id)`;

type Projection<T extends EventType> = (sql: Sql, event: Envelope<EventData<T>>) => Promise<string[]>;

const programEvents = [
  'enrollment.program.created', 'enrollment.program.updated', 'enrollment.program.opened',
  'enrollment.program.started', 'enrollment.program.closed',
] as const;
const enrollmentEvents = [
  'enrollment.enrollment.submitted', 'enrollment.enrollment.approved', 'enrollment.enrollment.waitlisted',
  'enrollment.enrollment.rejected', 'enrollment.enrollment.withdrawn',
] as const;
const matchEvents = {
  'matching.match.proposed': 'proposed',
  'matching.match.accepted': 'accepted',
  'matching.match.declined': 'declined',
  'matching.match.ended': 'ended',
} as const;
const sessionEvents = {
  'scheduling.session.scheduled': 'scheduled',
  'scheduling.session.rescheduled': 'scheduled',
  'scheduling.session.cancelled': 'cancelled',
  'scheduling.session.completed': 'completed',
  'scheduling.session.missed': 'missed',
} as const;

const projectProgram: Projection<(typeof programEvents)[number]> = async (sql, { tenantId, time, id, data }) => {
  await sql.query(
    `INSERT INTO programs (tenant_id, program_id, status, cadence, event_time, event_id)
     VALUES ($1, $2, $3, $4::interval, $5, $6)
     ON CONFLICT (tenant_id, program_id) DO UPDATE SET status = EXCLUDED.status, cadence = EXCLUDED.cadence,
       event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id
     WHERE ${newer('programs')}`,
    [tenantId, data.programId, data.status, `${data.cadence.every} ${data.cadence.unit}`, time, id],
  );
  return [data.programId];
};

const projectEnrollment: Projection<(typeof enrollmentEvents)[number]> = async (sql, { tenantId, time, id, data }) => {
  await sql.query(
    `INSERT INTO enrollments (tenant_id, enrollment_id, program_id, participant_id, role, status, event_time, event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, enrollment_id) DO UPDATE SET role = EXCLUDED.role, status = EXCLUDED.status,
       event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id
     WHERE ${newer('enrollments')}`,
    [tenantId, data.enrollmentId, data.programId, await storedParticipantId(sql, data.participantId), data.role,
      data.status, time, id],
  );
  return [data.programId];
};

const projectMatch = (status: (typeof matchEvents)[keyof typeof matchEvents]): Projection<keyof typeof matchEvents> =>
  async (sql, { tenantId, time, id, data }) => {
    await sql.query(
      `INSERT INTO matches (tenant_id, match_id, program_id, status, event_time, event_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, match_id) DO UPDATE SET status = EXCLUDED.status,
         event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id
       WHERE ${newer('matches')}`,
      [tenantId, data.matchId, data.programId, status, time, id],
    );
    // Members never change within a match; every event of it carries them.
    for (const member of data.members) {
      await sql.query(
        `INSERT INTO match_members (tenant_id, match_id, participant_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [tenantId, data.matchId, await storedParticipantId(sql, member.participantId)],
      );
    }
    return [data.programId];
  };

const projectSession = (status: (typeof sessionEvents)[keyof typeof sessionEvents]): Projection<keyof typeof sessionEvents> =>
  async (sql, { tenantId, time, id, data }) => {
    // A planned session without a common slot carries a placeholder time: it is not yet scheduled.
    const effective = status === 'scheduled' && data.status === 'needs-time' ? 'needs-time' : status;
    await sql.query(
      `INSERT INTO sessions (tenant_id, session_id, match_id, program_id, status, starts_at, event_time, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET status = EXCLUDED.status, starts_at = EXCLUDED.starts_at,
         event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id
       WHERE ${newer('sessions')}`,
      [tenantId, data.sessionId, data.matchId, data.programId, effective, data.startsAt, time, id],
    );
    return [data.programId];
  };

const projectAssignment: Projection<'surveys.survey.assigned'> = async (sql, { tenantId, time, id, data }) => {
  await sql.query(
    `INSERT INTO survey_assignments (tenant_id, assignment_id, program_id, participant_id, kind, status, event_time, event_id)
     VALUES ($1, $2, $3, $4, $5, 'assigned', $6, $7)
     ON CONFLICT (tenant_id, assignment_id) DO UPDATE SET status = EXCLUDED.status,
       event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id
     WHERE ${newer('survey_assignments')}`,
    [tenantId, data.assignmentId, data.programId, await storedParticipantId(sql, data.participantId), data.kind, time, id],
  );
  return [data.programId];
};

const projectResponse: Projection<'surveys.response.submitted'> = async (sql, { tenantId, time, id, data }) => {
  await sql.query(
    `INSERT INTO survey_assignments (tenant_id, assignment_id, program_id, participant_id, kind, status, session_id,
       rating, nps, satisfaction, event_time, event_id)
     VALUES ($1, $2, $3, $4, $5, 'answered', $6, $7, $8, $9, $10, $11)
     ON CONFLICT (tenant_id, assignment_id) DO UPDATE SET status = EXCLUDED.status, session_id = EXCLUDED.session_id,
       rating = EXCLUDED.rating, nps = EXCLUDED.nps, satisfaction = EXCLUDED.satisfaction,
       event_time = EXCLUDED.event_time, event_id = EXCLUDED.event_id
     WHERE ${newer('survey_assignments')}`,
    [tenantId, data.assignmentId, data.programId, await storedParticipantId(sql, data.participantId), data.kind,
      data.sessionId ?? null, data.rating ?? null, data.nps ?? null, data.satisfaction ?? null, time, id],
  );
  return [data.programId];
};

const projectRun: Projection<'matching.run.completed'> = async (sql, { tenantId, time, data }) => {
  if (data.dryRun) return []; // A preview changes nothing in the program.
  await sql.query(
    `INSERT INTO matching_runs (tenant_id, run_id, program_id, completed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [tenantId, data.runId, data.programId, time],
  );
  return [data.programId];
};

const projectErasure: Projection<'enrollment.participant.erased'> = (sql, { tenantId, data }) =>
  eraseParticipant(sql, tenantId, data.participantId);

/** Every event analytics consumes, each applied and then invalidating the dashboards it changed. */
export function projectionHandlers(): EventHandler[] {
  const handler = <T extends EventType>(type: T, project: Projection<T>): EventHandler =>
    on(type, async (sql, event) => {
      await markDashboardsChanged(sql, event.tenantId, await project(sql, event));
    });
  return [
    ...programEvents.map((type) => handler(type, projectProgram)),
    ...enrollmentEvents.map((type) => handler(type, projectEnrollment)),
    handler('enrollment.participant.erased', projectErasure),
    handler('matching.run.completed', projectRun),
    ...Object.entries(matchEvents).map(([type, status]) => handler(type as keyof typeof matchEvents, projectMatch(status))),
    ...Object.entries(sessionEvents).map(([type, status]) => handler(type as keyof typeof sessionEvents, projectSession(status))),
    handler('surveys.survey.assigned', projectAssignment),
    handler('surveys.response.submitted', projectResponse),
  ];
}
