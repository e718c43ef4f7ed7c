import { z } from 'zod';

export const uuid = z.uuid();

/** Times the platform can keep and compute with: ISO-8601 with an offset, years 2000 to 2199. */
export const EARLIEST_TIME = '2000-01-01T00:00:00Z';
export const LATEST_TIME = '2199-12-31T23:59:59Z';
export const isoDateTime = z.iso.datetime({ offset: true }).refine(
  (t) => Date.parse(t) >= Date.parse(EARLIEST_TIME) && Date.parse(t) <= Date.parse(LATEST_TIME),
  'must be between 2000-01-01 and 2199-12-31',
);

/** IANA time zone names only (e.g. Europe/Berlin): anything Intl cannot resolve is rejected. */
export const timeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin');

export const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
export const availabilityWindow = z
  .object({ day: weekday, from: clockTime, to: clockTime })
  .refine((w) => w.from < w.to, { message: 'from must be before to', path: ['to'] });
export type AvailabilityWindow = z.infer<typeof availabilityWindow>;

export const skillLevel = z.object({ skill: z.string().min(1).max(80), level: z.number().int().min(1).max(5) });

export const programFormat = z.enum(['mentoring', 'peer', 'circle']);
export const matchingObjective = z.enum(['optimal', 'stable']);
export const cadence = z.object({ every: z.number().int().min(1).max(12), unit: z.enum(['day', 'week', 'month']) });
export type Cadence = z.infer<typeof cadence>;
export const participantRole = z.enum(['mentor', 'mentee', 'peer']);
export const criterion = z.enum([
  'skills', 'goals', 'interests', 'experience', 'availability', 'language', 'department', 'location', 'preferences',
]);
export const weights = z.partialRecord(criterion, z.number().min(0).max(100));
