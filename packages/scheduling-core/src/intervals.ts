/** A half-open span of time [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** A half-open span of time [startsAt, endsAt), as sessions and slots carry it. */
export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export const toInterval = (slot: Slot): Interval => ({ start: slot.startsAt.getTime(), end: slot.endsAt.getTime() });

/** Sorts and joins overlapping or touching intervals, so back-to-back windows count as one. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((x, y) => x.start - y.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** The spans covered by both lists; each list must be merged (sorted, disjoint). */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const shared: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) shared.push({ start, end });
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return shared;
}

/** The spans of `a` not covered by `b`; both lists must be merged (sorted, disjoint). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const rest: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let start = x.start;
    while (j < b.length && b[j]!.end <= start) j += 1;
    for (let k = j; k < b.length && b[k]!.start < x.end; k++) {
      if (b[k]!.start > start) rest.push({ start, end: b[k]!.start });
      start = Math.max(start, b[k]!.end);
    }
    if (x.end > start) rest.push({ start, end: x.end });
  }
  return rest;
}
