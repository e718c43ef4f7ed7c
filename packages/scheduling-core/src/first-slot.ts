import type { Person } from './availability';
import { alignToSlotStep, SLOT_STEP_MS, sharedFreeTime, slotStarts } from './free-slots';
import type { Slot } from './intervals';

export interface SlotSearch {
  /** Earliest acceptable start. */
  after: Date;
  minutes: number;
  /** How far ahead of `after` to look; the whole slot must end within it. Default 28 days. */
  horizonDays?: number;
  /** Sessions that block time (any person's); a slot may touch one but not overlap it. */
  busy?: readonly Slot[];
}

export interface FirstSlotInput extends SlotSearch {
  a: Person;
  b: Person;
}

export const DEFAULT_HORIZON_DAYS = 28;

/**
 * The earliest quarter-hour start at or after `after` at which everyone is available for
 * `minutes` in a row, each according to their own weekly windows in their own time zone; null
 * when no such slot fits in the horizon (or nobody is given).
 */
export function firstCommonSlot(people: readonly Person[], search: SlotSearch): Slot | null {
  if (!Number.isFinite(search.minutes) || search.minutes <= 0) throw new RangeError('minutes must be positive');
  const from = alignToSlotStep(search.after).getTime();
  const until = search.after.getTime() + (search.horizonDays ?? DEFAULT_HORIZON_DAYS) * 86_400_000;
  const length = search.minutes * 60_000;
  const [start] = slotStarts(sharedFreeTime(people, from, until, search.busy), length, SLOT_STEP_MS, 1);
  return start === undefined ? null : { startsAt: new Date(start), endsAt: new Date(start + length) };
}

/** The earliest common slot of two people (see firstCommonSlot). */
export function firstSlot(input: FirstSlotInput): Slot | null {
  const { a, b, ...search } = input;
  return firstCommonSlot([a, b], search);
}
