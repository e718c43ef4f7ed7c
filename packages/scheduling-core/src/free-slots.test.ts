import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { AvailabilityWindow, Weekday } from './availability';
import { availabilityViolations } from './availability-check';
import { findFreeSlots, type FreeSlotSearch, type Member } from './free-slots';

const member = (participantId: string, timeZone: string, availability: AvailabilityWindow[]): Member => ({
  participantId, timeZone, availability,
});
const at = (iso: string) => new Date(iso);
const starts = (search: FreeSlotSearch) => findFreeSlots(search).items.map((s) => s.startsAt);

// Mondays 15:00-17:00 in Berlin and 09:00-11:00 in New York: two hours in common in winter and
// summer, one hour between the US switch to daylight time (14 March 2027) and the EU one (28 March).
const berliner = member('b', 'Europe/Berlin', [{ day: 'mon', from: '15:00', to: '17:00' }]);
const newYorker = member('n', 'America/New_York', [{ day: 'mon', from: '09:00', to: '11:00' }]);
const march = { members: [berliner, newYorker], from: at('2027-03-08T00:00:00Z'), to: at('2027-04-05T00:00:00Z'), minutes: 60, stepMinutes: 30 };

describe('findFreeSlots', () => {
  it('follows the northern spring switches, with each member’s wall clock', () => {
    const { items, nextFrom } = findFreeSlots(march);
    expect(items.map((s) => [s.startsAt, s.endsAt, s.local.b, s.local.n])).toEqual([
      ['2027-03-08T14:00:00.000Z', '2027-03-08T15:00:00.000Z', '2027-03-08T15:00', '2027-03-08T09:00'],
      ['2027-03-08T14:30:00.000Z', '2027-03-08T15:30:00.000Z', '2027-03-08T15:30', '2027-03-08T09:30'],
      ['2027-03-08T15:00:00.000Z', '2027-03-08T16:00:00.000Z', '2027-03-08T16:00', '2027-03-08T10:00'],
      ['2027-03-15T14:00:00.000Z', '2027-03-15T15:00:00.000Z', '2027-03-15T15:00', '2027-03-15T10:00'],
      ['2027-03-22T14:00:00.000Z', '2027-03-22T15:00:00.000Z', '2027-03-22T15:00', '2027-03-22T10:00'],
      ['2027-03-29T13:00:00.000Z', '2027-03-29T14:00:00.000Z', '2027-03-29T15:00', '2027-03-29T09:00'],
      ['2027-03-29T13:30:00.000Z', '2027-03-29T14:30:00.000Z', '2027-03-29T15:30', '2027-03-29T09:30'],
      ['2027-03-29T14:00:00.000Z', '2027-03-29T15:00:00.000Z', '2027-03-29T16:00', '2027-03-29T10:00'],
    ]);
    expect(nextFrom).toBeNull();
  });

  it('follows the southern autumn switch (Sydney) against the northern spring (Berlin)', () => {
    // Tuesdays 07:00-09:00 in Sydney and Mondays 22:00-24:00 in Berlin: two hours in common
    // while Sydney keeps daylight time (to 4 April 2027), one hour after.
    const sydney = member('s', 'Australia/Sydney', [{ day: 'tue', from: '07:00', to: '09:00' }]);
    const berlin = member('b', 'Europe/Berlin', [{ day: 'mon', from: '22:00', to: '24:00' }]);
    const { items } = findFreeSlots({
      members: [sydney, berlin], from: at('2027-03-29T00:00:00Z'), to: at('2027-04-13T00:00:00Z'), minutes: 60, stepMinutes: 60,
    });
    expect(items.map((s) => [s.startsAt, s.local.s, s.local.b])).toEqual([
      ['2027-03-29T20:00:00.000Z', '2027-03-30T07:00', '2027-03-29T22:00'],
      ['2027-03-29T21:00:00.000Z', '2027-03-30T08:00', '2027-03-29T23:00'],
      ['2027-04-05T21:00:00.000Z', '2027-04-06T07:00', '2027-04-05T23:00'],
      ['2027-04-12T21:00:00.000Z', '2027-04-13T07:00', '2027-04-12T23:00'],
    ]);
  });

  it('reads São Paulo’s former midnight switches: a lost hour and a repeated one', () => {
    const anyone = member('u', 'UTC', (['sat', 'sun'] as Weekday[]).map((day) => ({ day, from: '00:00', to: '24:00' })));
    // 4 November 2018: clocks went from 00:00 to 01:00, so a Sunday 00:00-02:00 window held one hour.
    const spring = member('p', 'America/Sao_Paulo', [{ day: 'sun', from: '00:00', to: '02:00' }]);
    expect(starts({ members: [spring, anyone], from: at('2018-10-28T00:00:00Z'), to: at('2018-11-05T00:00:00Z'), minutes: 60, stepMinutes: 60 }))
      .toEqual(['2018-10-28T03:00:00.000Z', '2018-10-28T04:00:00.000Z', '2018-11-04T03:00:00.000Z']);
    // 17 February 2019: clocks went back from 00:00 to 23:00 on the Saturday, so a Saturday
    // 23:00-24:00 window held two hours that night, and an hour on other Saturdays.
    const autumn = member('p', 'America/Sao_Paulo', [{ day: 'sat', from: '23:00', to: '24:00' }]);
    const { items } = findFreeSlots({ members: [autumn, anyone], from: at('2019-02-09T00:00:00Z'), to: at('2019-02-18T00:00:00Z'), minutes: 120 });
    expect(items.map((s) => [s.startsAt, s.endsAt, s.local.p])).toEqual([['2019-02-17T01:00:00.000Z', '2019-02-17T03:00:00.000Z', '2019-02-16T23:00']]);
  });

  it('handles half-hour and 45-minute offsets (Kolkata, Chatham) and aligns starts in UTC', () => {
    const kolkata = member('k', 'Asia/Kolkata', [{ day: 'mon', from: '09:00', to: '12:00' }]);
    const chatham = member('c', 'Pacific/Chatham', [{ day: 'mon', from: '17:00', to: '20:00' }]);
    const june = { members: [kolkata, chatham], from: at('2027-06-07T00:00:00Z'), to: at('2027-06-08T00:00:00Z'), minutes: 60 };
    // Kolkata 03:30-06:30 UTC, Chatham (+12:45 in June) 04:15-07:15 UTC.
    expect(findFreeSlots(june).items.map((s) => [s.startsAt, s.local.k, s.local.c])).toEqual([
      ['2027-06-07T04:15:00.000Z', '2027-06-07T09:45', '2027-06-07T17:00'],
      ['2027-06-07T04:30:00.000Z', '2027-06-07T10:00', '2027-06-07T17:15'],
      ['2027-06-07T04:45:00.000Z', '2027-06-07T10:15', '2027-06-07T17:30'],
      ['2027-06-07T05:00:00.000Z', '2027-06-07T10:30', '2027-06-07T17:45'],
      ['2027-06-07T05:15:00.000Z', '2027-06-07T10:45', '2027-06-07T18:00'],
      ['2027-06-07T05:30:00.000Z', '2027-06-07T11:00', '2027-06-07T18:15'],
    ]);
    expect(starts({ ...june, stepMinutes: 30 })).toEqual(['2027-06-07T04:30:00.000Z', '2027-06-07T05:00:00.000Z', '2027-06-07T05:30:00.000Z']);
    // In December Chatham keeps daylight time (+13:45): 03:15-06:15 UTC, so 03:30-06:15 in common.
    const december = { ...june, from: at('2027-12-06T00:00:00Z'), to: at('2027-12-07T00:00:00Z'), minutes: 165 };
    expect(starts(december)).toEqual(['2027-12-06T03:30:00.000Z']);
  });

  it('keeps clear of busy intervals, which a slot may touch', () => {
    const week = { ...march, to: at('2027-03-09T00:00:00Z') };
    expect(starts({ ...week, busy: [{ startsAt: at('2027-03-08T14:30:00Z'), endsAt: at('2027-03-08T15:00:00Z') }] }))
      .toEqual(['2027-03-08T15:00:00.000Z']);
    expect(starts({ ...week, busy: [{ startsAt: at('2027-03-08T13:00:00Z'), endsAt: at('2027-03-08T14:00:00Z') }] }))
      .toEqual(['2027-03-08T14:00:00.000Z', '2027-03-08T14:30:00.000Z', '2027-03-08T15:00:00.000Z']);
  });

  it('keeps slots inside [from, to)', () => {
    expect(starts({ ...march, from: at('2027-03-08T14:10:00Z'), to: at('2027-03-08T15:45:00Z') })).toEqual(['2027-03-08T14:30:00.000Z']);
  });

  it('pages: the next page starts at nextFrom and together they give every slot', () => {
    const all = findFreeSlots(march).items;
    const first = findFreeSlots({ ...march, limit: 3 });
    expect(first.items).toEqual(all.slice(0, 3));
    expect(first.nextFrom).toBe(all[3]!.startsAt);
    const rest = findFreeSlots({ ...march, from: at(first.nextFrom!) });
    expect([...first.items, ...rest.items]).toEqual(all);
    expect(findFreeSlots({ ...march, limit: all.length }).nextFrom).toBeNull();
  });

  it('finds nothing for nobody, an empty range, or a member without availability', () => {
    expect(findFreeSlots({ ...march, members: [] }).items).toEqual([]);
    expect(findFreeSlots({ ...march, to: march.from }).items).toEqual([]);
    expect(findFreeSlots({ ...march, members: [berliner, member('x', 'Asia/Tokyo', [])] }).items).toEqual([]);
  });

  it('refuses bad input', () => {
    expect(() => findFreeSlots({ ...march, minutes: 0 })).toThrow(RangeError);
    expect(() => findFreeSlots({ ...march, stepMinutes: 7.5 })).toThrow(RangeError);
    expect(() => findFreeSlots({ ...march, limit: 0 })).toThrow(RangeError);
    expect(() => findFreeSlots({ ...march, from: new Date('nope') })).toThrow(RangeError);
    expect(() => findFreeSlots({ ...march, members: [member('x', 'Mars/Olympus', [])] })).toThrow(RangeError);
    expect(() => findFreeSlots({ ...march, members: [member('x', 'UTC', [{ day: 'mon', from: '9:00', to: '10:00' }])] })).toThrow(RangeError);
  });
});

// A reference that reads every member's wall clock with luxon at every quarter hour. All
// offsets, changes and window edges below are whole quarter hours, so availability is constant
// within each quarter hour and this scan is exact.
const QUARTER = 15 * 60_000;
const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function availableAt(person: Member, instant: number): boolean {
  const local = DateTime.fromMillis(instant, { zone: person.timeZone });
  const minute = local.hour * 60 + local.minute;
  return person.availability.some((w) => w.day === weekdays[local.weekday - 1] && minute >= clockMinutes(w.from) && minute < clockMinutes(w.to));
}

function referenceSlots(search: Required<Omit<FreeSlotSearch, 'limit'>>) {
  const from = search.from.getTime();
  const to = search.to.getTime();
  const length = search.minutes * 60_000;
  const step = search.stepMinutes * 60_000;
  const free = (q: number) =>
    search.members.every((m) => availableAt(m, q)) && !search.busy.some((b) => b.startsAt.getTime() < q + QUARTER && b.endsAt.getTime() > q);
  const open = new Map<number, boolean>();
  for (let q = from; q < to; q += QUARTER) open.set(q, free(q));
  const slots = [];
  for (let start = Math.ceil(from / step) * step; start + length <= to; start += step) {
    let fits = true;
    for (let q = start; q < start + length && fits; q += QUARTER) fits = open.get(q)!;
    if (fits) {
      const local = Object.fromEntries(search.members.map((m) => [m.participantId, DateTime.fromMillis(start, { zone: m.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm")]));
      slots.push({ startsAt: new Date(start).toISOString(), endsAt: new Date(start + length).toISOString(), local });
    }
  }
  return slots;
}

const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'America/Sao_Paulo', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
// Days just before a change somewhere among those zones.
const changeDays = ['2027-03-13', '2027-03-27', '2027-04-02', '2027-09-24', '2027-10-01', '2027-10-30', '2027-11-06', '2018-11-03', '2019-02-16'];

const quarterTime = fc.integer({ min: 0, max: 96 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
const window = fc
  .record({ day: fc.constantFrom(...weekdays), a: quarterTime, b: quarterTime })
  .filter(({ a, b }) => a !== b)
  .map(({ day, a, b }) => ({ day, from: a < b ? a : b, to: a < b ? b : a }));
// A window every day plus a few others, so that members often share some time.
const availability = fc
  .tuple(window, fc.array(window, { maxLength: 4 }))
  .map(([daily, others]) => [...weekdays.map((day) => ({ ...daily, day })), ...others]);
const members = fc.uniqueArray(fc.constantFrom(...zones), { minLength: 1, maxLength: 3 }).chain((tzs) =>
  fc.tuple(...tzs.map((timeZone, i) => availability.map((windows) => member(`m${i}`, timeZone, windows)))),
);
const search = fc
  .record({
    members,
    day: fc.constantFrom(...changeDays),
    startQuarter: fc.integer({ min: 0, max: 95 }),
    quarters: fc.integer({ min: 4, max: 3 * 96 }),
    minutes: fc.constantFrom(15, 30, 45, 60, 90, 120),
    stepMinutes: fc.constantFrom(15, 30, 60),
    busy: fc.array(fc.record({ start: fc.integer({ min: 0, max: 3 * 96 }), length: fc.integer({ min: 1, max: 12 }) }), { maxLength: 3 }),
  })
  .map(({ day, startQuarter, quarters, busy, ...rest }) => {
    const from = Date.parse(`${day}T00:00:00Z`) + startQuarter * QUARTER;
    return {
      ...rest,
      from: new Date(from),
      to: new Date(from + quarters * QUARTER),
      busy: busy.map((b) => ({ startsAt: new Date(from + b.start * QUARTER), endsAt: new Date(from + (b.start + b.length) * QUARTER) })),
    };
  });

describe('findFreeSlots against a quarter-hour scan with luxon', () => {
  it('gives the same slots and local times around daylight-saving changes', () => {
    fc.assert(
      fc.property(search, (s) => {
        expect(findFreeSlots(s).items).toEqual(referenceSlots(s));
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  it('offers only times the availability check accepts, and the check refuses the quarter hours between', () => {
    fc.assert(
      fc.property(search, (s) => {
        for (const slot of findFreeSlots({ ...s, busy: [] }).items) {
          expect(availabilityViolations({ members: s.members, startsAt: at(slot.startsAt), endsAt: at(slot.endsAt) })).toEqual([]);
        }
        for (let q = s.from.getTime(); q < s.to.getTime(); q += QUARTER) {
          const late = s.members.filter((m) => !availableAt(m, q)).map((m) => m.participantId);
          const violations = availabilityViolations({ members: s.members, startsAt: new Date(q), endsAt: new Date(q + QUARTER) });
          expect(violations.map((v) => v.participantId)).toEqual(late);
        }
      }),
      { numRuns: 20, seed: 9 },
    );
  });
});
