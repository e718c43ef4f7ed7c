import { z } from 'zod';
import {
  availabilityWindow, cadence, isoDateTime, matchingObjective, participantRole, programFormat, skillLevel, timeZone,
  uuid, weights,
} from './common';

/** Request bodies of the public API (API.md). Strict objects: unknown fields are a 400, not silently dropped. */
export const tenantCreate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$/, 'lowercase letters, digits and dashes'),
});

export const apiKeyCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    role: z.enum(['admin', 'participant']),
    participantId: uuid.optional(),
  })
  .refine((k) => (k.role === 'participant') === (k.participantId !== undefined), {
    message: 'participantId is required for participant keys and only for them',
    path: ['participantId'],
  });

const programFields = {
  name: z.string().trim().min(1).max(200),
  format: programFormat,
  objectives: z.array(z.string().min(1).max(200)).max(20).default([]),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  cadence: cadence.default({ every: 2, unit: 'week' }),
  sessionMinutes: z.number().int().min(15).max(240).default(45),
  circleSize: z.number().int().min(3).max(6).optional(),
  matching: z
    .strictObject({ objective: matchingObjective.default('optimal'), weights: weights.default({}) })
    .default({ objective: 'optimal', weights: {} }),
};

const endsAfterStart = (p: { startsAt?: string; endsAt?: string }) =>
  !p.startsAt || !p.endsAt || Date.parse(p.endsAt) > Date.parse(p.startsAt);
const endsAfterStartIssue = { message: 'endsAt must be after startsAt', path: ['endsAt'] };

export const programCreate = z.strictObject(programFields).refine(endsAfterStart, endsAfterStartIssue);
export type ProgramCreate = z.infer<typeof programCreate>;

export const programPatch = z
  .strictObject({
    version: z.number().int().min(1),
    name: programFields.name.optional(),
    objectives: z.array(z.string().min(1).max(200)).max(20).optional(),
    startsAt: isoDateTime.optional(),
    endsAt: isoDateTime.optional(),
    cadence: cadence.optional(),
    sessionMinutes: z.number().int().min(15).max(240).optional(),
    circleSize: z.number().int().min(3).max(6).optional(),
    matching: z.strictObject({ objective: matchingObjective, weights }).optional(),
  })
  .refine(endsAfterStart, endsAfterStartIssue);
export type ProgramPatch = z.infer<typeof programPatch>;

export const participantInput = z.strictObject({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  department: z.string().max(100).optional(),
  location: z.string().max(100).optional(),
  level: z.number().int().min(1).max(5).optional(),
  timeZone,
  languages: z.array(z.string().min(2).max(10)).min(1).max(20),
});

export const enrollmentCreate = z
  .strictObject({
    participant: participantInput,
    role: participantRole,
    capacity: z.number().int().min(1).max(20).default(1),
    skillsOffered: z.array(skillLevel).max(30).default([]),
    skillsSought: z.array(skillLevel).max(30).default([]),
    goals: z.array(z.string().min(1).max(200)).max(20).default([]),
    interests: z.array(z.string().min(1).max(80)).max(30).default([]),
    availability: z.array(availabilityWindow).max(50).default([]),
    preferences: z
      .strictObject({ prefer: z.array(uuid).max(20).default([]), avoid: z.array(uuid).max(50).default([]) })
      .default({ prefer: [], avoid: [] }),
  });
export type EnrollmentCreate = z.infer<typeof enrollmentCreate>;

export const matchingRunCreate = z.strictObject({
  dryRun: z.boolean().default(false),
  seed: z.number().int().min(0).default(1),
  objective: matchingObjective.optional(),
  /** Weights for this run only (e.g. to preview alternatives); unset ones keep the program's. */
  weights: weights.optional(),
  /** Answer 202 at once and run in the background (result at GET /v1/matching-runs/{id}); default: pools over 5000 people. */
  background: z.boolean().optional(),
});

export const rematchCreate = z.strictObject({
  seed: z.number().int().min(0).default(1),
  background: z.boolean().optional(),
});

/** An admin's hand-made pair; `force` overrides hard-constraint violations. */
export const manualMatchCreate = z.strictObject({
  members: z.array(uuid).length(2).refine((m) => m[0] !== m[1], 'must name two different participants'),
  force: z.boolean().default(false),
});

export const matchDecline = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

export const matchEnd = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const sessionReschedule = z.strictObject({ startsAt: isoDateTime });

/** The answers themselves are checked by the surveys service against the assignment's template. */
export const surveyResponseCreate = z.strictObject({
  answers: z.record(z.string().max(200), z.unknown()).refine((a) => Object.keys(a).length <= 200, 'at most 200 answers'),
});
