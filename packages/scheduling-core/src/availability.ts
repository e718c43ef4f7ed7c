import type { Interval } from './intervals';
import { mergeIntervals } from './intervals';
import { offsetSpans } from './zone-offsets';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A weekly window in the person's own wall-clock time: `to` may be 24:00 (the end of the day). */
export interface AvailabilityWindow {
  day: Weekday;
  from: string;
  to: string;
}

export interface Person {
  /** IANA name, e.g. Europe/Berlin. */
  timeZone: string;
  availability: readonly AvailabilityWindow[];
}

const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MS = 86_400_000;
// The widest offsets in use are −12:00 and +14:00; a day of slack on each side covers them.
const SLACK_MS = DAY_MS;

const clock = /^(\d{2}):(\d{2})$/;

function minutesOfDay(time: string): number {
  const m = clock.exec(time);
  if (!m) throw new RangeError(`bad clock time ${time}; expected HH:MM`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60 || Number(m[2]) > 59) throw new RangeError(`bad clock time ${time}`);
  return minutes;
}

/** Windows as [from, to) milliseconds after local midnight, grouped by weekday (0 = Monday). */
function windowsByWeekday(availability: readonly AvailabilityWindow[]): [number, number][][] {
  const byDay: [number, number][][] = weekdays.map(() => []);
  for (const window of availability) {
    const day = weekdays.indexOf(window.day);
    if (day < 0) throw new RangeError(`bad weekday ${window.day}`);
    const from = minutesOfDay(window.from) * 60_000;
    const to = minutesOfDay(window.to) * 60_000;
    if (to > from) byDay[day]!.push([from, to]);
  }
  return byDay;
}

/**
 * The instants in [from, to) at which the person's own clock shows a time inside one of their
 * weekly windows, as merged UTC intervals. Each day follows the offset in force at that moment,
 * so daylight saving moves the windows: a window reaching into a spring-forward gap is cut at
 * the jump, and wall times shown twice in a fall-back hour count both times (RFC 5545 reads a
 * wall time the same way, taking the offset in force at it).
 */
export function availabilityInUtc(person: Person, from: number, to: number): Interval[] {
  const spans = offsetSpans(person.timeZone, from - SLACK_MS, to + SLACK_MS);
  const byDay = windowsByWeekday(person.availability);
  const pieces: Interval[] = [];
  // Wall-clock time is counted like UTC time: local day d runs over [d * DAY_MS, (d + 1) * DAY_MS).
  const firstDay = Math.floor((from - SLACK_MS) / DAY_MS);
  const lastDay = Math.floor((to + SLACK_MS) / DAY_MS);
  for (let day = firstDay; day <= lastDay; day++) {
    // 1 January 1970 (day 0) was a Thursday, weekday 3 counted from Monday.
    const windows = byDay[(((day + 3) % 7) + 7) % 7]!;
    for (const [start, end] of windows) {
      const wallStart = day * DAY_MS + start;
      const wallEnd = day * DAY_MS + end;
      // The window's preimage in each stretch of constant offset.
      for (const span of spans) {
        const lo = Math.max(wallStart - span.offset, span.start, from);
        const hi = Math.min(wallEnd - span.offset, span.end, to);
        if (hi > lo) pieces.push({ start: lo, end: hi });
      }
    }
  }
  return mergeIntervals(pieces);
}
