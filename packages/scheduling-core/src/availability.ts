import { DateTime } from 'luxon';
import type { Interval } from './intervals';

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

// Luxon numbers weekdays 1 (Monday) to 7 (Sunday).
const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const clock = /^(\d{2}):(\d{2})$/;

function minutesOfDay(time: string): number {
  const m = clock.exec(time);
  if (!m) throw new RangeError(`bad clock time ${time}; expected HH:MM`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60 || Number(m[2]) > 59) throw new RangeError(`bad clock time ${time}`);
  return minutes;
}

/** The instant `minutes` after local midnight of `date` in its zone, read as wall-clock time (DST-aware). */
function wallClock(date: DateTime, minutes: number): number {
  const day = date.plus({ days: Math.floor(minutes / (24 * 60)) });
  const rest = minutes % (24 * 60);
  // Luxon moves a wall time that falls in a spring-forward gap forward by the gap, so a window
  // that starts inside the gap starts when the clock resumes.
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(rest / 60), minute: rest % 60 },
    { zone: date.zone },
  ).toMillis();
}

/**
 * The person's weekly windows as concrete UTC intervals on every calendar day (in their zone)
 * that touches [from, to). Each day is converted on its own, so the offset in force that day,
 * daylight saving included, decides where the window falls.
 */
export function availabilityInUtc(person: Person, from: number, to: number): Interval[] {
  const first = DateTime.fromMillis(from, { zone: person.timeZone });
  if (!first.isValid) throw new RangeError(`unknown time zone ${person.timeZone}`);
  const intervals: Interval[] = [];
  // One day of slack on each side: a late-evening window can land on the next UTC day and back.
  for (let day = first.startOf('day').minus({ days: 1 }); day.toMillis() < to + 86_400_000; day = day.plus({ days: 1 })) {
    const weekday = weekdays[day.weekday - 1];
    for (const window of person.availability) {
      if (window.day !== weekday) continue;
      const start = wallClock(day, minutesOfDay(window.from));
      const end = wallClock(day, minutesOfDay(window.to));
      if (end > start) intervals.push({ start, end });
    }
  }
  return intervals;
}
