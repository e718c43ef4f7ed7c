import type { FreeSlot } from '@tandem/contracts';
import { availabilityInUtc, type Person } from './availability';
import { intersectIntervals, mergeIntervals, subtractIntervals, toInterval, type Interval, type Slot } from './intervals';
import { ianaZone, offsetSpans, UtcClock, WallClock } from './zone-offsets';

/** A member of a match or circle: whose availability it is, for the `local` times and violations. */
export interface Member extends Person {
  participantId: string;
}

/**
 * Default spacing of slot starts. Starts fall on multiples of the step counted from the epoch
 * (UTC); every offset in use today is a multiple of 15 minutes, so with this step each start is
 * a quarter hour on every member's clock too.
 */
export const SLOT_STEP_MS = 15 * 60_000;

/** `at` rounded up to the next quarter hour (unchanged when it is one). */
export const alignToSlotStep = (at: Date): Date => new Date(alignUp(at.getTime(), SLOT_STEP_MS));

const alignUp = (at: number, step: number): number => Math.ceil(at / step) * step;

export interface FreeSlotSearch {
  members: readonly Member[];
  /** Sessions that block time (any member's), in UTC; a slot may touch one but not overlap it. */
  busy?: readonly Slot[];
  /** The slots lie within [from, to): they start at or after `from` and end by `to`. */
  from: Date;
  to: Date;
  minutes: number;
  /** Minutes between possible starts; default 15. */
  stepMinutes?: number;
  /** At most this many slots (the earliest); default all. */
  limit?: number;
}

export interface FreeSlotPage {
  /** UTC starts and ends (ISO 8601) with each member's wall-clock start, 'YYYY-MM-DDTHH:mm', by participant id. */
  items: FreeSlot[];
  /** Where the next page begins (pass it as `from`), or null when `items` holds every slot. */
  nextFrom: string | null;
}

/**
 * The time in [from, to) inside every person's availability and outside every busy interval,
 * merged; nothing when nobody is given. Refuses (RangeError) an unknown time zone or a bad clock time.
 */
export function sharedFreeTime(people: readonly Person[], from: number, to: number, busy: readonly Slot[] = []): Interval[] {
  for (const person of people) ianaZone(person.timeZone);
  if (people.length === 0 || to <= from) return [];
  const shared = people
    .map((person) => availabilityInUtc(person, from, to))
    .reduce((common, next) => intersectIntervals(common, next));
  return subtractIntervals(shared, mergeIntervals(busy.map(toInterval)));
}

/** Up to `limit` starts, on multiples of `step`, of `length`-long slots that fit inside the free intervals. */
export function slotStarts(free: readonly Interval[], length: number, step: number, limit: number): number[] {
  const starts: number[] = [];
  for (const span of free) {
    for (let start = alignUp(span.start, step); start + length <= span.end; start += step) {
      if (starts.length >= limit) return starts;
      starts.push(start);
    }
  }
  return starts;
}

/**
 * The slots of `minutes` inside every member's weekly availability (each read in their own
 * zone, daylight saving included) and clear of the busy intervals, earliest first, with each
 * member's wall-clock start beside the UTC one.
 */
export function findFreeSlots(search: FreeSlotSearch): FreeSlotPage {
  const { members, from, to, minutes, stepMinutes = SLOT_STEP_MS / 60_000, limit = Infinity } = search;
  if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError('minutes must be positive');
  if (!Number.isInteger(stepMinutes) || stepMinutes <= 0) throw new RangeError('stepMinutes must be a positive integer');
  if (limit !== Infinity && (!Number.isInteger(limit) || limit <= 0)) throw new RangeError('limit must be a positive integer');
  const start = from.getTime();
  const end = to.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError('from and to must be valid dates');
  const free = sharedFreeTime(members, start, end, search.busy);
  // One start more than asked shows whether another page follows.
  const starts = slotStarts(free, minutes * 60_000, stepMinutes * 60_000, limit + 1);
  const next = starts.length > limit ? starts[limit]! : null;
  starts.length = Math.min(starts.length, limit);
  const clocks = members.map((m) => [m.participantId, new WallClock(offsetSpans(m.timeZone, start, end))] as const);
  const startClock = new UtcClock();
  const endClock = new UtcClock();
  const items = starts.map((at) => {
    const local: Record<string, string> = {};
    for (const [participantId, clock] of clocks) local[participantId] = clock.read(at);
    return { startsAt: startClock.iso(at), endsAt: endClock.iso(at + minutes * 60_000), local };
  });
  return { items, nextFrom: next === null ? null : new Date(next).toISOString() };
}
