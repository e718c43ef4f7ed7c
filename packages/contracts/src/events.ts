import { z } from 'zod';
import {
  availabilityWindow, cadence, isoDateTime, matchingObjective, participantRole, programFormat, skillLevel, uuid, weights,
} from './common';

/**
 * Every event type the platform emits, with its schema. Type names never change once emitted;
 * a breaking change to a payload is a new version published beside the old one.
 */
const programSnapshot = z.object({
  programId: uuid,
  name: z.string(),
  format: programFormat,
  status: z.enum(['draft', 'enrolling', 'running', 'closed']),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  cadence,
  sessionMinutes: z.number().int(),
  circleSize: z.number().int().optional(),
  matching: z.object({ objective: matchingObjective, weights }),
});

const enrollmentRef = z.object({
  enrollmentId: uuid,
  programId: uuid,
  participantId: uuid,
  role: participantRole,
  status: z.enum(['pending', 'approved', 'waitlisted', 'rejected', 'withdrawn']),
});

/** What matching and scheduling need of an approved enrollment: no name, no e-mail. */
export const matchingProfile = z.object({
  capacity: z.number().int().min(1),
  department: z.string().optional(),
  location: z.string().optional(),
  level: z.number().int().optional(),
  timeZone: z.string(),
  languages: z.array(z.string()),
  skillsOffered: z.array(skillLevel),
  skillsSought: z.array(skillLevel),
  goals: z.array(z.string()),
  interests: z.array(z.string()),
  availability: z.array(availabilityWindow),
  preferences: z.object({ prefer: z.array(uuid), avoid: z.array(uuid) }),
});
export type MatchingProfile = z.infer<typeof matchingProfile>;

const matchMembers = z.array(z.object({ participantId: uuid, role: participantRole })).min(2);
const matchRef = z.object({ matchId: uuid, programId: uuid, members: matchMembers });
const sessionRef = z.object({
  sessionId: uuid, matchId: uuid, programId: uuid, startsAt: isoDateTime, endsAt: isoDateTime,
  /** The match's participant ids, so consumers (pulse surveys) need no match projection. */
  members: z.array(uuid).optional(),
  /** 'needs-time': no common slot was found; the time is a placeholder until someone reschedules. */
  status: z.enum(['scheduled', 'needs-time', 'completed', 'cancelled', 'missed']).optional(),
});
const surveyKind = z.enum(['baseline', 'pulse', 'end', 'follow-up']);

export const eventSchemas = {
  'tenancy.tenant.created': z.object({ tenantId: uuid, name: z.string(), slug: z.string() }),
  'tenancy.tenant.suspended': z.object({ tenantId: uuid }),
  'enrollment.program.created': programSnapshot,
  'enrollment.program.updated': programSnapshot,
  'enrollment.program.opened': programSnapshot,
  'enrollment.program.started': programSnapshot,
  'enrollment.program.closed': programSnapshot,
  'enrollment.enrollment.submitted': enrollmentRef,
  'enrollment.enrollment.approved': enrollmentRef.extend({ profile: matchingProfile }),
  'enrollment.enrollment.waitlisted': enrollmentRef,
  'enrollment.enrollment.rejected': enrollmentRef,
  'enrollment.enrollment.withdrawn': enrollmentRef,
  'enrollment.participant.erased': z.object({ participantId: uuid }),
  'matching.run.completed': z.object({
    runId: uuid, programId: uuid, objective: z.string(), matchCount: z.number().int(),
    unmatchedCount: z.number().int(), totalScore: z.number(), dryRun: z.boolean(),
    /** 'rematch': a run for people left without a match, their previous partners excluded. */
    kind: z.enum(['run', 'rematch']).optional(),
    stats: z.object({
      meanScore: z.number(), minScore: z.number(), durationMs: z.number(), candidates: z.number().int(),
      unmatchedByReason: z.record(z.string(), z.number().int()),
    }).optional(),
  }),
  'matching.match.proposed': matchRef.extend({ runId: uuid.nullable(), score: z.number() }),
  'matching.match.accepted': matchRef,
  'matching.match.declined': matchRef.extend({ reason: z.string().optional() }),
  'matching.match.ended': matchRef.extend({ reason: z.string().optional() }),
  'scheduling.session.scheduled': sessionRef,
  'scheduling.session.rescheduled': sessionRef,
  'scheduling.session.cancelled': sessionRef,
  'scheduling.session.completed': sessionRef,
  'scheduling.session.missed': sessionRef,
  'surveys.survey.assigned': z.object({
    assignmentId: uuid, programId: uuid, participantId: uuid, kind: surveyKind, dueAt: isoDateTime,
  }),
  'surveys.response.submitted': z.object({
    assignmentId: uuid, programId: uuid, participantId: uuid, kind: surveyKind,
    /** The session a pulse survey was about. */
    sessionId: uuid.optional(),
    /** Pulse: session rating 1-5. */
    rating: z.number().int().min(1).max(5).optional(),
    /** End: net promoter score 0-10. */
    nps: z.number().int().min(0).max(10).optional(),
    /** End: satisfaction 1-5. */
    satisfaction: z.number().int().min(1).max(5).optional(),
  }),
  'analytics.match.at_risk': z.object({ matchId: uuid, programId: uuid, reasons: z.array(z.string()) }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
export const eventTypes = Object.keys(eventSchemas) as EventType[];
export const isEventType = (type: string): type is EventType => Object.hasOwn(eventSchemas, type);
