import { availabilityInUtc, type Person } from './availability';
import { intersectIntervals, mergeIntervals } from './intervals';

export interface SlotSearch {
  /** Earliest acceptable start. */
  after: Date;
  minutes: number;
  /** How far ahead of `after` to look; the whole slot must end within it. Default 28 days. */
  horizonDays?: number;
}

export interface FirstSlotInput extends SlotSearch {
  a: Person;
  b: Person;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** Sessions start on quarter hours; every time zone in use today is offset by a multiple of 15 minutes. */
export const SLOT_STEP_MS = 15 * 60_000;
export const DEFAULT_HORIZON_DAYS = 28;

/** `at` rounded up to the next quarter hour (unchanged when it is one). */
export const alignToSlotStep = (at: Date): Date => new Date(Math.ceil(at.getTime() / SLOT_STEP_MS) * SLOT_STEP_MS);

/**
 * The earliest quarter-hour start at or after `after` at which everyone is available for
 * `minutes` in a row, each according to their own weekly windows in their own time zone; null
 * when no such slot fits in the horizon (or nobody is given).
 */
export function firstCommonSlot(people: readonly Person[], search: SlotSearch): Slot | null {
  if (!Number.isFinite(search.minutes) || search.minutes <= 0) throw new RangeError('minutes must be positive');
  if (people.length === 0) return null;
  const from = alignToSlotStep(search.after).getTime();
  const until = search.after.getTime() + (search.horizonDays ?? DEFAULT_HORIZON_DAYS) * 86_400_000;
  const length = search.minutes * 60_000;
  const shared = people
    .map((person) => mergeIntervals(availabilityInUtc(person, from, until)))
    .reduce((common, next) => intersectIntervals(common, next));
  for (const span of shared) {
    const start = alignToSlotStep(new Date(Math.max(span.start, from))).getTime();
    const end = start + length;
    if (end > until) return null;
    if (end <= span.end) return { startsAt: new Date(start), endsAt: new Date(end) };
  }
  return null;
}

/** The earliest common slot of two people (see firstCommonSlot). */
export function firstSlot(input: FirstSlotInput): Slot | null {
  const { a, b, ...search } = input;
  return firstCommonSlot([a, b], search);
}
