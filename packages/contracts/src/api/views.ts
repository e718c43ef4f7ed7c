import { z } from 'zod';
import {
  availabilityWindow, cadence, matchingObjective, participantRole, programFormat, skillLevel, uuid, weights,
} from '../common';
import { problemSchema } from '../problem';

/**
 * What the API answers: one schema per resource as a client sees it. The services build these
 * objects; the OpenAPI document shows them, and the system tests check every answer against them.
 * Times are ISO-8601 strings in UTC as the services write them.
 */
const time = z.iso.datetime({ offset: true });

/** A list answer (DESIGN.md §7). */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const tenantView = z.object({
  id: uuid, name: z.string(), slug: z.string(), status: z.enum(['active', 'suspended']), createdAt: time,
}).meta({ id: 'Tenant' });

export const tenantCreated = tenantView.extend({
  adminApiKey: z.string().describe('the first admin key of the tenant, shown only here'),
}).meta({ id: 'TenantCreated' });

export const apiKeyView = z.object({
  id: uuid,
  name: z.string(),
  role: z.enum(['admin', 'participant']),
  participantId: uuid.nullable(),
  prefix: z.string().describe('the first characters of the key, to recognise it'),
  createdAt: time,
  revokedAt: time.nullable(),
}).meta({ id: 'ApiKey' });

export const apiKeyCreated = apiKeyView.extend({ key: z.string().describe('the key itself, shown only here') })
  .meta({ id: 'ApiKeyCreated' });

export const programView = z.object({
  id: uuid,
  name: z.string(),
  format: programFormat,
  status: z.enum(['draft', 'enrolling', 'running', 'closed']),
  objectives: z.array(z.string()),
  startsAt: time,
  endsAt: time,
  cadence,
  sessionMinutes: z.number().int(),
  circleSize: z.number().int().optional(),
  matching: z.object({ objective: matchingObjective, weights }),
  version: z.number().int(),
  createdAt: time,
  updatedAt: time,
}).meta({ id: 'Program' });

export const enrollmentStatus = z.enum(['pending', 'approved', 'waitlisted', 'rejected', 'withdrawn']);

export const enrollmentView = z.object({
  id: uuid,
  programId: uuid,
  participantId: uuid,
  participant: z.object({
    email: z.string(),
    name: z.string(),
    timeZone: z.string(),
    languages: z.array(z.string()),
    department: z.string().optional(),
    location: z.string().optional(),
    level: z.number().int().optional(),
  }),
  role: participantRole,
  status: enrollmentStatus,
  capacity: z.number().int(),
  skillsOffered: z.array(skillLevel),
  skillsSought: z.array(skillLevel),
  goals: z.array(z.string()),
  interests: z.array(z.string()),
  availability: z.array(availabilityWindow),
  preferences: z.object({ prefer: z.array(uuid), avoid: z.array(uuid) }),
  version: z.number().int(),
  createdAt: time,
  updatedAt: time,
}).meta({ id: 'Enrollment' });

export const importResult = z.object({
  created: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
}).meta({ id: 'ImportResult' });

const explanation = z.record(z.string(), z.number()).describe('per criterion: its weighted contribution to the score');
const member = z.object({ participantId: uuid, role: participantRole });

export const matchView = z.object({
  id: uuid,
  programId: uuid,
  runId: uuid.nullable(),
  origin: z.enum(['run', 'rematch', 'manual']),
  members: z.array(member),
  score: z.number(),
  explanation,
  constraints: z.array(z.string()).describe('hard constraints checked and passed'),
  violations: z.array(z.string()).optional().describe('hard constraints an admin matched against'),
  status: z.enum(['proposed', 'accepted', 'declined', 'ended']),
  responses: z.array(z.object({ participantId: uuid, response: z.enum(['accepted', 'declined']).nullable() })),
  closedAt: time.optional(),
  reason: z.string().optional().describe('why it was declined or ended; shown to admins and to whoever closed it'),
  atRisk: z.object({ reasons: z.array(z.string()), at: time }).optional(),
  version: z.number().int(),
  createdAt: time,
  updatedAt: time,
}).meta({ id: 'Match' });

const proposal = z.object({
  members: z.array(member),
  score: z.number(),
  explanation,
  constraints: z.array(z.string()),
  violations: z.array(z.string()).optional(),
});

export const matchingRunSummary = z.object({
  id: uuid,
  programId: uuid,
  kind: z.enum(['run', 'rematch']),
  status: z.enum(['running', 'completed', 'failed']),
  objective: z.string(),
  dryRun: z.boolean(),
  parameters: z.record(z.string(), z.unknown()),
  totalScore: z.number().nullable(),
  stats: z.record(z.string(), z.unknown()).nullable(),
  warnings: z.array(z.string()),
  error: problemSchema.optional().describe('why a failed run failed: the problem its request would have answered'),
  createdAt: time,
  completedAt: time.optional(),
}).meta({ id: 'MatchingRunSummary' });

export const matchingRunView = matchingRunSummary.extend({
  matches: z.array(z.union([matchView, proposal])).describe('the stored matches of a published run, the proposals of a dry run'),
  unmatched: z.array(z.object({ participantId: uuid, reason: z.string() })),
}).meta({ id: 'MatchingRun' });

export const suggestionsView = z.object({
  participantId: uuid,
  items: z.array(z.object({
    participantId: uuid, role: participantRole, score: z.number(), explanation, constraints: z.array(z.string()),
  })),
}).meta({ id: 'Suggestions' });

export const sessionView = z.object({
  id: uuid,
  matchId: uuid,
  programId: uuid,
  startsAt: time,
  endsAt: time,
  status: z.enum(['scheduled', 'needs-time', 'completed', 'cancelled', 'missed']),
  members: z.array(uuid),
}).meta({ id: 'Session' });

const surveyKind = z.enum(['baseline', 'pulse', 'end', 'follow-up']);

export const surveyAssignmentView = z.object({
  id: uuid,
  programId: uuid,
  participantId: uuid,
  kind: surveyKind,
  sessionId: uuid.optional(),
  status: z.enum(['assigned', 'answered']),
  dueAt: time,
  createdAt: time,
  answeredAt: time.optional(),
}).meta({ id: 'SurveyAssignment' });

export const surveyQuestion = z.object({
  id: z.string().describe('the key of its answer in `answers`'),
  text: z.string(),
  type: z.enum(['scale', 'text', 'choice', 'yes-no']),
  required: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.string()).optional(),
});

export const surveyAssignmentDetail = surveyAssignmentView.extend({ questions: z.array(surveyQuestion) })
  .meta({ id: 'SurveyAssignmentDetail' });

export const surveyResponseView = z.object({
  id: uuid, assignmentId: uuid, kind: surveyKind, answers: z.record(z.string(), z.unknown()), submittedAt: time,
}).meta({ id: 'SurveyResponse' });

const count = z.number().int();
const rate = z.number().nullable().describe('between 0 and 1; null while there is nothing to divide by');

export const dashboardView = z.object({
  programId: uuid,
  enrollments: z.object({
    byStatus: z.object({ pending: count, approved: count, waitlisted: count, rejected: count, withdrawn: count }),
    byRole: z.object({ mentor: count, mentee: count, peer: count }).describe('approved enrollments by role'),
  }),
  matches: z.object({ active: count, ended: count, proposed: count, declined: count, matchRate: rate, lastRunAt: time.nullable() }),
  sessions: z.object({ scheduled: count, needsTime: count, completed: count, missed: count, cancelled: count }),
  surveys: z.object({ assigned: count, answered: count, responseRate: rate }),
  satisfaction: z.object({ pulseAverage: z.number().nullable(), nps: z.number().nullable(), endSurveyAverage: z.number().nullable() }),
  atRisk: z.object({ count }),
  updatedAt: time,
}).meta({ id: 'ProgramDashboard' });
