import { z } from 'zod';
import { isoDateTime, timeZone, uuid } from './common';

/** Scheduling fields of the public API (API.md "Scheduling additions", program `reminders` and `journey`). */

const DAY_MS = 86_400_000;
export const MAX_REMINDER_OFFSET_MS = 30 * DAY_MS;
export const MAX_REMINDERS = 5;
export const DEFAULT_REMINDERS = ['PT24H', 'PT1H'] as const;

// Weeks alone, or days and a time part; every component a whole number. Years and months are
// left out: their length depends on the calendar, and an offset before a session must not.
const isoDuration = /^P(?:(\d{1,4})W|(?:(\d{1,4})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,8})S)?)?)$/;

/**
 * Milliseconds of an ISO 8601 duration made of weeks, days, hours, minutes and seconds (a day
 * counted as 24 hours, since reminders count back from an instant), e.g. PT24H, P1D, PT30M,
 * P1DT12H; null when the text is not such a duration.
 */
export function isoDurationMs(text: string): number | null {
  const m = isoDuration.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [weeks, days, hours, minutes, seconds] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
}

/** A refinement that flags each entry whose key an earlier entry already has (at the entry, or its `field`). */
function noRepeats<T>(key: (item: T) => unknown, message: string, field?: string) {
  return (items: T[], ctx: z.RefinementCtx<T[]>) => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      if (seen.has(key(item))) ctx.addIssue({ code: 'custom', message, path: field ? [index, field] : [index] });
      seen.add(key(item));
    });
  };
}

/** How long before a session a reminder falls due: positive, at most 30 days. */
export const reminderOffset = z
  .string()
  .max(40)
  .refine((text) => isoDurationMs(text) !== null, { message: 'must be an ISO 8601 duration such as PT24H, P1D or PT30M', abort: true })
  .refine((text) => {
    const ms = isoDurationMs(text)!;
    return ms > 0 && ms <= MAX_REMINDER_OFFSET_MS;
  }, 'must be longer than zero and at most 30 days');

/** A program's reminder offsets: at most five, no two of the same length (PT24H and P1D are the same). */
export const reminders = z
  .array(reminderOffset)
  .max(MAX_REMINDERS)
  .superRefine(noRepeats((offset) => isoDurationMs(offset), 'repeats an earlier offset'));
export type Reminders = z.infer<typeof reminders>;

export const MAX_JOURNEY_SESSIONS = 200;

/** What session `session` (counted from 1) of a match is about, and the program resources for it. */
export const journeyStep = z.strictObject({
  session: z.number().int().min(1).max(MAX_JOURNEY_SESSIONS),
  topic: z.string().trim().min(1).max(200),
  resourceIds: z
    .array(uuid)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a resource')
    .optional(),
});
export type JourneyStep = z.infer<typeof journeyStep>;

/** A program's structured journey: each session number at most once. */
export const journey = z
  .array(journeyStep)
  .max(MAX_JOURNEY_SESSIONS)
  .superRefine(noRepeats((step) => step.session, 'repeats an earlier session number', 'session'));
export type Journey = z.infer<typeof journey>;

export const MAX_FREE_SLOT_RANGE_DAYS = 366;
export const slotStepMinutes = z.union([z.literal(5), z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)]);

/** `GET /v1/matches/{id}/free-slots?from=&to=&minutes=&step=`: a range of at most 366 days. */
export const freeSlotQuery = z
  .strictObject({
    from: isoDateTime,
    to: isoDateTime,
    minutes: z.coerce.number().int().min(15).max(240).optional(),
    step: z.coerce.number().pipe(slotStepMinutes).optional(),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_FREE_SLOT_RANGE_DAYS * DAY_MS, {
    message: `must be at most ${MAX_FREE_SLOT_RANGE_DAYS} days after from`,
    path: ['to'],
  });
export type FreeSlotQuery = z.infer<typeof freeSlotQuery>;

const wallClockTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/** One answer item of the free-slot search: UTC times and each member's wall-clock start. */
export const freeSlot = z.object({ startsAt: isoDateTime, endsAt: isoDateTime, local: z.record(uuid, wallClockTime) });
export type FreeSlot = z.infer<typeof freeSlot>;

/** A member for whom a booked time lies outside their availability (a 422's `errors`, or a forced session's `violations`). */
export const availabilityViolation = z.object({
  participantId: uuid,
  reason: z.enum(['no-availability', 'outside-availability']),
  timeZone,
  local: z.object({ startsAt: wallClockTime, endsAt: wallClockTime }),
});
export type AvailabilityViolation = z.infer<typeof availabilityViolation>;
