/**
 * Free-slot search benchmark: a circle of 5 in 5 time zones (Berlin, New York, São Paulo,
 * Kolkata, Sydney: both hemispheres' daylight saving and a half-hour offset), each with random
 * weekly windows, 60 busy sessions among them, searching a whole year for 45-minute slots every
 * 15 minutes, all slots returned (no page limit). Every search has new availability and a new
 * start date. Prints p50/p99 of the search, with the first (cold) searches apart, and a naive
 * reference that reads every member's clock with luxon minute by minute, on a few of the same
 * searches, whose answers must equal ours (exit 1 otherwise). CPU time is printed beside wall
 * time: it is steadier when other processes share the machine.
 * Usage: pnpm exec tsx packages/scheduling-core/bench/free-slots.ts [searches=1000] [referenceRuns=2]
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { AvailabilityWindow, Weekday } from '../src/availability';
import { findFreeSlots, type FreeSlotSearch, type Member } from '../src/free-slots';

const searches = Number(process.argv[2] ?? 1000);
const referenceRuns = Number(process.argv[3] ?? 2);
const zones = ['Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Sydney'];
const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MS = 86_400_000;

const clock = (quarters: number) => `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;
const between = (fromHour: number, toHour: number) => fc.integer({ min: fromHour * 4, max: toHour * 4 }).map(clock);

/** Most days a long window (early start, late end), sometimes an early-morning one too. */
const availability: fc.Arbitrary<AvailabilityWindow[]> = fc
  .tuple(...weekdays.map((day) =>
    fc.record({ long: fc.integer({ min: 0, max: 9 }), early: fc.integer({ min: 0, max: 9 }), from: between(6, 10), to: between(18, 24), earlyFrom: between(0, 4), earlyTo: between(5, 6) })
      .map((d): AvailabilityWindow[] => [
        ...(d.long < 8 ? [{ day, from: d.from, to: d.to }] : []),
        ...(d.early < 3 ? [{ day, from: d.earlyFrom, to: d.earlyTo }] : []),
      ])))
  .map((days) => days.flat());

/** A year from a random day of 2027, five members with random windows, 60 busy sessions. */
const search: fc.Arbitrary<FreeSlotSearch> = fc
  .record({
    day: fc.integer({ min: 0, max: 364 }),
    availability: fc.tuple(...zones.map(() => availability)),
    busy: fc.array(fc.record({ at: fc.integer({ min: 0, max: 365 * 96 }), quarters: fc.integer({ min: 2, max: 6 }) }), { minLength: 60, maxLength: 60 }),
  })
  .map(({ day, availability, busy }) => {
    const from = Date.UTC(2027, 0, 1) + day * DAY_MS;
    const quarter = 15 * 60_000;
    return {
      members: zones.map((timeZone, i): Member => ({ participantId: `p${i}`, timeZone, availability: availability[i]! })),
      busy: busy.map((b) => ({ startsAt: new Date(from + b.at * quarter), endsAt: new Date(from + (b.at + b.quarters) * quarter) })),
      from: new Date(from),
      to: new Date(from + 365 * DAY_MS),
      minutes: 45,
      stepMinutes: 15,
    };
  });

/** The naive way: every member's wall clock read with luxon at every minute of the range. */
function referenceSearch(search: FreeSlotSearch): ReturnType<typeof findFreeSlots>['items'] {
  const from = search.from.getTime();
  const minutes = (search.to.getTime() - from) / 60_000;
  const open = new Uint8Array(minutes).fill(1);
  for (const m of search.members) {
    const windows = m.availability.map((w) => ({ day: weekdays.indexOf(w.day) + 1, from: Number(w.from.slice(0, 2)) * 60 + Number(w.from.slice(3)), to: Number(w.to.slice(0, 2)) * 60 + Number(w.to.slice(3)) }));
    for (let i = 0; i < minutes; i++) {
      const local = DateTime.fromMillis(from + i * 60_000, { zone: m.timeZone });
      const minute = local.hour * 60 + local.minute;
      if (!windows.some((w) => w.day === local.weekday && minute >= w.from && minute < w.to)) open[i] = 0;
    }
  }
  for (const b of search.busy ?? []) {
    for (let t = b.startsAt.getTime(); t < b.endsAt.getTime(); t += 60_000) if (t >= from && t < search.to.getTime()) open[(t - from) / 60_000] = 0;
  }
  const step = search.stepMinutes ?? 15;
  const slots = [];
  for (let i = Math.ceil(from / 60_000 / step) * step - from / 60_000; i + search.minutes <= minutes; i += step) {
    if (open.subarray(i, i + search.minutes).every((x) => x === 1)) {
      const start = from + i * 60_000;
      const local = Object.fromEntries(search.members.map((m) => [m.participantId, DateTime.fromMillis(start, { zone: m.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm")]));
      slots.push({ startsAt: new Date(start).toISOString(), endsAt: new Date(start + search.minutes * 60_000).toISOString(), local });
    }
  }
  return slots;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

// Seeded, so that every run measures the same searches.
const inputs = fc.sample(search, { numRuns: searches, seed: 2027 });
const times: number[] = [];
const cpu: number[] = [];
let slotCount = 0;
for (const input of inputs) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  slotCount += findFreeSlots(input).items.length;
  times.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}
const cold = times.slice(0, 5);
const warm = times.slice(5).sort((a, b) => a - b);
const warmCpu = cpu.slice(5).sort((a, b) => a - b);
console.log(`free-slot search, 5 members in 5 zones, one year, 45 min every 15 min, ${searches} searches, ${(slotCount / searches).toFixed(0)} slots per search on average`);
console.log(`  ours: first 5 (cold) ${cold.map((t) => t.toFixed(1)).join(' / ')} ms; then p50 ${ms(quantile(warm, 0.5))}, p99 ${ms(quantile(warm, 0.99))}, max ${ms(warm[warm.length - 1]!)}`);
console.log(`  ours, CPU time: p50 ${ms(quantile(warmCpu, 0.5))}, p99 ${ms(quantile(warmCpu, 0.99))}`);

// Zone data is worked out once per zone and year; searches in years not seen before show that cost.
const fresh: number[] = [];
for (const [i, input] of fc.sample(search, { numRuns: 20, seed: 1990 }).entries()) {
  const from = Date.UTC(1990 + i, 0, 1);
  const start = performance.now();
  findFreeSlots({ ...input, from: new Date(from), to: new Date(from + 365 * DAY_MS), busy: [] });
  fresh.push(performance.now() - start);
}
fresh.sort((a, b) => a - b);
console.log(`  ours, each search in a year not seen before (20 searches): p50 ${ms(quantile(fresh, 0.5))}, max ${ms(fresh[fresh.length - 1]!)}`);

let referenceTotal = 0;
let differ = 0;
for (const input of inputs.slice(0, referenceRuns)) {
  const start = performance.now();
  const expected = referenceSearch(input);
  referenceTotal += performance.now() - start;
  if (JSON.stringify(expected) !== JSON.stringify(findFreeSlots(input).items)) differ += 1;
}
if (referenceRuns > 0) {
  const reference = referenceTotal / referenceRuns;
  console.log(`  naive minute-by-minute luxon scan: ${ms(reference)} per search (mean of ${referenceRuns}); ratio to our p50 ${(reference / quantile(warm, 0.5)).toFixed(0)}x; answers ${differ === 0 ? 'identical' : `DIFFER in ${differ}`}`);
}
process.exitCode = differ === 0 ? 0 : 1;
