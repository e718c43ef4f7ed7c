import { IANAZone } from 'luxon';

/** A stretch [start, end) of UTC epoch milliseconds during which a zone's offset stays `offset` ms (local = UTC + offset). */
export interface OffsetSpan {
  start: number;
  end: number;
  offset: number;
}

const DAY_MS = 86_400_000;
/**
 * Offsets are sampled this often and changes located by bisection. Every zone in the time-zone
 * database keeps an offset for more than six days between changes (checked for 1990–2040; the
 * closest pairs are Brazil's in 2000 and Gaza's predicted ones), so no two changes fall between
 * neighbouring samples.
 */
const SAMPLE_MS = 4 * DAY_MS;

// Zone rules do not change while a process runs, so each zone's year is worked out once.
// Bounded, so that searches over arbitrary years cannot grow it without end.
const cache = new Map<string, readonly OffsetSpan[]>();
const CACHE_LIMIT = 5_000;

/** The zone, or a RangeError naming it when it is not an IANA zone Intl knows. */
export function ianaZone(timeZone: string): IANAZone {
  // create() keeps one instance per name, checked once.
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  return zone;
}

/** The first instant in (after, until] at which the zone's offset is no longer `before` (one change inside). */
function changeAt(zone: IANAZone, after: number, until: number, before: number): number {
  let lo = after;
  let hi = until;
  // Offsets change on whole seconds, so the search stops at one-second precision.
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The offsets of one UTC calendar year, in order, covering it exactly. */
function yearSpans(zone: IANAZone, year: number): readonly OffsetSpan[] {
  const key = `${zone.name}|${year}`;
  const known = cache.get(key);
  if (known) return known;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const spans: OffsetSpan[] = [];
  let spanStart = start;
  let offset = zone.offset(start);
  for (let sample = start; sample < end;) {
    const next = Math.min(sample + SAMPLE_MS, end);
    const nextOffset = zone.offset(next);
    if (nextOffset !== offset) {
      const at = changeAt(zone, sample, next, offset);
      if (at < end) {
        spans.push({ start: spanStart, end: at, offset: offset * 60_000 });
        spanStart = at;
        offset = zone.offset(at);
      }
    }
    sample = next;
  }
  spans.push({ start: spanStart, end, offset: offset * 60_000 });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, spans);
  return spans;
}

/** The zone's offsets over [from, to), in order and without gaps; neighbours always differ in offset. */
export function offsetSpans(timeZone: string, from: number, to: number): OffsetSpan[] {
  const zone = ianaZone(timeZone);
  const spans: OffsetSpan[] = [];
  const lastYear = new Date(Math.max(from, to - 1)).getUTCFullYear();
  for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
    for (const span of yearSpans(zone, year)) {
      if (span.end <= from || span.start >= to) continue;
      const last = spans[spans.length - 1];
      const end = Math.min(span.end, to);
      if (last && last.offset === span.offset) last.end = end;
      else spans.push({ start: Math.max(span.start, from), end, offset: span.offset });
    }
  }
  return spans;
}

const pad = (n: number) => String(n).padStart(2, '0');
let clockTimes: string[] | undefined;
/** 'HH:mm' for each minute of the day, built on first use. */
const clockTime = (minute: number): string => (clockTimes ??= Array.from({ length: 1440 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`))[minute]!;

/**
 * Reads a zone's wall-clock time at increasing instants, moving through its offset spans once.
 * Searches write thousands of these, so each day's date is formatted once and the time of day
 * looked up.
 */
export class WallClock {
  private index = 0;
  private day = Number.NaN;
  private date = '';

  constructor(private readonly spans: readonly OffsetSpan[]) {}

  /** 'YYYY-MM-DDTHH:mm' at `at`; instants must not decrease between calls. */
  read(at: number): string {
    while (this.index < this.spans.length - 1 && this.spans[this.index]!.end <= at) this.index += 1;
    const wall = at + this.spans[this.index]!.offset;
    const day = Math.floor(wall / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    }
    return `${this.date}T${clockTime(Math.floor((wall - day * DAY_MS) / 60_000))}`;
  }
}

/** A zone's wall-clock time 'YYYY-MM-DDTHH:mm' at one instant. */
export function wallTime(timeZone: string, at: number): string {
  return new WallClock(offsetSpans(timeZone, at, at + 1)).read(at);
}

/** The UTC clock, for ISO 8601 times of instants in increasing order. */
export class UtcClock {
  private readonly clock = new WallClock([{ start: -Infinity, end: Infinity, offset: 0 }]);

  /** `at` as toISOString() writes it; instants must not decrease between calls. */
  iso(at: number): string {
    const rest = ((at % 60_000) + 60_000) % 60_000;
    return rest === 0 ? `${this.clock.read(at)}:00.000Z` : new Date(at).toISOString();
  }
}
