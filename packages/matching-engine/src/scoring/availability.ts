import { DateTime } from 'luxon';
import { type AvailabilitySlot, WEEKDAYS, parseTimeOfDay } from './participant';

export const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** Availability is also kept as a bitmask of the week's hours, for cheap overlap bounds. */
export const MASK_SLOT_MINUTES = 60;
export const MASK_WORDS = Math.ceil(MINUTES_PER_WEEK / MASK_SLOT_MINUTES / 32);

/** Sets, in `mask` from word `at`, the bit of every hour that `intervals` touch (an over-approximation). */
export function markHours(intervals: readonly number[], mask: Int32Array, at: number): void {
  for (let i = 0; i < intervals.length; i += 2) {
    const first = Math.floor((intervals[i] ?? 0) / MASK_SLOT_MINUTES);
    const last = Math.ceil((intervals[i + 1] ?? 0) / MASK_SLOT_MINUTES);
    for (let slot = first; slot < last; slot++) mask[at + (slot >>> 5)] = (mask[at + (slot >>> 5)] ?? 0) | (1 << (slot & 31));
  }
}

function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Upper bound of the weekly overlap in minutes from two hour masks stored from words `aAt` and `bAt`. */
export function maskOverlapBound(words: Int32Array, aAt: number, bAt: number): number {
  let shared = 0;
  for (let w = 0; w < MASK_WORDS; w++) shared += bitCount((words[aAt + w] ?? 0) & (words[bAt + w] ?? 0));
  return shared * MASK_SLOT_MINUTES;
}

/** Reference week used when a program has no start date: a fixed week keeps runs reproducible. */
export const DEFAULT_REFERENCE_WEEK = '2025-01-06T00:00:00Z';

/** Monday 00:00 UTC of the (UTC) week containing `startsAt`, or undefined when it is not an ISO date-time. */
export function referenceWeekStart(startsAt: string = DEFAULT_REFERENCE_WEEK): DateTime | undefined {
  const instant = DateTime.fromISO(startsAt, { zone: 'utc' });
  return instant.isValid ? instant.startOf('week') : undefined;
}

/**
 * Projects weekly local slots onto one concrete UTC week (the reference week), so that the offsets in force that
 * week, daylight saving included, decide the overlap. Luxon calls are cached per (zone, day, time).
 */
export class WeekProjector {
  private readonly weekStartMillis: number;
  private readonly cache = new Map<string, number>();

  constructor(private readonly weekStart: DateTime) {
    this.weekStartMillis = weekStart.toMillis();
  }

  /** Minutes from the reference week's start (UTC) to local `minuteOfDay` on week day `dayIndex` in `zone`. */
  private minutesFromWeekStart(zone: string, dayIndex: number, minuteOfDay: number): number {
    const key = `${zone}|${dayIndex}|${minuteOfDay}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const date = this.weekStart.plus({ days: dayIndex + Math.floor(minuteOfDay / MINUTES_PER_DAY) });
    const minute = minuteOfDay % MINUTES_PER_DAY;
    const local = DateTime.fromObject(
      { year: date.year, month: date.month, day: date.day, hour: Math.floor(minute / 60), minute: minute % 60 },
      { zone },
    );
    const minutes = Math.round((local.toMillis() - this.weekStartMillis) / 60_000);
    this.cache.set(key, minutes);
    return minutes;
  }

  /**
   * Merged, sorted UTC intervals `[start0, end0, start1, end1, ...]` within [0, MINUTES_PER_WEEK); a slot that
   * crosses the week's edge after conversion wraps around, since the pattern repeats every week.
   */
  project(zone: string, slots: readonly AvailabilitySlot[]): number[] {
    const pieces: number[] = [];
    for (const slot of slots) {
      const dayIndex = WEEKDAYS.indexOf(slot.day);
      const start = this.minutesFromWeekStart(zone, dayIndex, parseTimeOfDay(slot.from) ?? 0);
      const end = this.minutesFromWeekStart(zone, dayIndex, parseTimeOfDay(slot.to) ?? 0);
      if (end <= start) continue; // a slot entirely inside a spring-forward gap
      const from = ((start % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
      const to = from + (end - start);
      if (to <= MINUTES_PER_WEEK) {
        pieces.push(from, to);
      } else {
        pieces.push(from, MINUTES_PER_WEEK, 0, to - MINUTES_PER_WEEK);
      }
    }
    return mergeIntervals(pieces);
  }
}

/** Sorts `[start, end, ...]` pairs and joins those that overlap or touch. */
export function mergeIntervals(pairs: readonly number[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) order.push(i);
  order.sort((x, y) => (pairs[x] ?? 0) - (pairs[y] ?? 0) || (pairs[x + 1] ?? 0) - (pairs[y + 1] ?? 0));
  const merged: number[] = [];
  for (const i of order) {
    const start = pairs[i] ?? 0;
    const end = pairs[i + 1] ?? 0;
    const last = merged.length - 1;
    if (last > 0 && start <= (merged[last] ?? 0)) merged[last] = Math.max(merged[last] ?? 0, end);
    else merged.push(start, end);
  }
  return merged;
}

/**
 * Weekly overlap of two merged interval lists stored in one flat array (`[aFrom, aTo)` and `[bFrom, bTo)` index
 * ranges). `total` is all shared minutes; `usable` counts only shared blocks of at least `minBlock` minutes, the
 * blocks long enough to hold a session. A block crossing the week's edge counts as one.
 */
export class OverlapMeter {
  total = 0;
  usable = 0;

  measure(intervals: Int32Array, aFrom: number, aTo: number, bFrom: number, bTo: number, minBlock: number): void {
    let total = 0;
    let usable = 0;
    let firstBlock = 0; // a block starting at minute 0, possibly continued by one ending at the week's end
    let lastBlock = 0;
    let lastEndsWeek = false;
    let i = aFrom;
    let j = bFrom;
    while (i < aTo && j < bTo) {
      const aStart = intervals[i] ?? 0;
      const aEnd = intervals[i + 1] ?? 0;
      const bStart = intervals[j] ?? 0;
      const bEnd = intervals[j + 1] ?? 0;
      const start = aStart > bStart ? aStart : bStart;
      const end = aEnd < bEnd ? aEnd : bEnd;
      if (end > start) {
        const length = end - start;
        total += length;
        if (start === 0) firstBlock = length;
        else if (end === MINUTES_PER_WEEK) {
          lastBlock = length;
          lastEndsWeek = true;
        } else if (length >= minBlock) usable += length;
      }
      if (aEnd < bEnd) i += 2;
      else j += 2;
    }
    if (lastEndsWeek && firstBlock > 0) {
      if (firstBlock + lastBlock >= minBlock) usable += firstBlock + lastBlock;
    } else {
      if (firstBlock >= minBlock) usable += firstBlock;
      if (lastBlock >= minBlock) usable += lastBlock;
    }
    this.total = total;
    this.usable = usable;
  }
}
