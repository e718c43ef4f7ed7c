import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import type { Person } from './availability';
import { firstCommonSlot, firstSlot } from './first-slot';

const berlin = (availability: Person['availability']): Person => ({ timeZone: 'Europe/Berlin', availability });
const newYork = (availability: Person['availability']): Person => ({ timeZone: 'America/New_York', availability });
const iso = (slot: ReturnType<typeof firstSlot>) => slot && { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() };

// Berlin 15:00-17:00 and New York 09:00-11:00 on Mondays line up exactly in winter and summer
// (14:00-16:00 / 13:00-15:00 UTC), but only for an hour between the US switch to daylight time
// (14 March 2027) and the EU one (28 March 2027), when the two cities are 5 hours apart.
const berliner = berlin([{ day: 'mon', from: '15:00', to: '17:00' }]);
const newYorker = newYork([{ day: 'mon', from: '09:00', to: '11:00' }]);

/** Cases whose answers must not depend on the zone the process runs in. */
const cases: { name: string; run: () => ReturnType<typeof firstSlot>; expected: { startsAt: string; endsAt: string } | null }[] = [
  {
    name: 'winter: the full two-hour overlap on the first Monday',
    run: () => firstSlot({ after: new Date('2027-03-01T00:00:00Z'), a: berliner, b: newYorker, minutes: 90 }),
    expected: { startsAt: '2027-03-01T14:00:00.000Z', endsAt: '2027-03-01T15:30:00.000Z' },
  },
  {
    name: 'between the two DST switches an hour still fits',
    run: () => firstSlot({ after: new Date('2027-03-15T00:00:00Z'), a: berliner, b: newYorker, minutes: 60 }),
    expected: { startsAt: '2027-03-15T14:00:00.000Z', endsAt: '2027-03-15T15:00:00.000Z' },
  },
  {
    name: 'between the two DST switches 90 minutes wait for Europe to switch too',
    run: () => firstSlot({ after: new Date('2027-03-15T00:00:00Z'), a: berliner, b: newYorker, minutes: 90 }),
    expected: { startsAt: '2027-03-29T13:00:00.000Z', endsAt: '2027-03-29T14:30:00.000Z' },
  },
  {
    name: 'a window starting in the spring-forward gap starts when the clock resumes',
    run: () => firstSlot({
      after: new Date('2027-03-14T00:00:00Z'),
      a: newYork([{ day: 'sun', from: '02:00', to: '04:00' }]),
      b: { timeZone: 'UTC', availability: [{ day: 'sun', from: '00:00', to: '24:00' }] },
      minutes: 60,
    }),
    expected: { startsAt: '2027-03-14T07:00:00.000Z', endsAt: '2027-03-14T08:00:00.000Z' },
  },
  {
    name: 'the gap shortens that window, so 90 minutes go to the next Sunday',
    run: () => firstSlot({
      after: new Date('2027-03-14T00:00:00Z'),
      a: newYork([{ day: 'sun', from: '02:00', to: '04:00' }]),
      b: { timeZone: 'UTC', availability: [{ day: 'sun', from: '00:00', to: '24:00' }] },
      minutes: 90,
    }),
    expected: { startsAt: '2027-03-21T06:00:00.000Z', endsAt: '2027-03-21T07:30:00.000Z' },
  },
  {
    name: 'starts are aligned up to the next quarter hour',
    run: () => firstSlot({ after: new Date('2027-03-01T14:07:00Z'), a: berliner, b: newYorker, minutes: 30 }),
    expected: { startsAt: '2027-03-01T14:15:00.000Z', endsAt: '2027-03-01T14:45:00.000Z' },
  },
  {
    name: 'back-to-back windows count as one, and 24:00 ends the day',
    run: () => firstSlot({
      after: new Date('2027-01-04T00:00:00Z'),
      a: { timeZone: 'Asia/Tokyo', availability: [{ day: 'mon', from: '22:00', to: '24:00' }, { day: 'tue', from: '00:00', to: '01:00' }] },
      b: { timeZone: 'UTC', availability: [{ day: 'mon', from: '12:00', to: '17:00' }] },
      minutes: 180,
    }),
    expected: { startsAt: '2027-01-04T13:00:00.000Z', endsAt: '2027-01-04T16:00:00.000Z' },
  },
  {
    name: 'a late-evening window lands on the next UTC day',
    run: () => firstSlot({
      after: new Date('2027-01-04T00:00:00Z'),
      a: { timeZone: 'America/Los_Angeles', availability: [{ day: 'mon', from: '20:00', to: '22:00' }] },
      b: { timeZone: 'Australia/Sydney', availability: [{ day: 'tue', from: '15:00', to: '17:00' }] },
      minutes: 60,
    }),
    expected: { startsAt: '2027-01-05T04:00:00.000Z', endsAt: '2027-01-05T05:00:00.000Z' },
  },
  {
    name: 'no overlap at all',
    run: () => firstSlot({
      after: new Date('2027-03-01T00:00:00Z'),
      a: berlin([{ day: 'mon', from: '09:00', to: '10:00' }]),
      b: newYork([{ day: 'mon', from: '09:00', to: '10:00' }]),
      minutes: 30,
    }),
    expected: null,
  },
  {
    name: 'an overlap shorter than the session',
    run: () => firstSlot({ after: new Date('2027-03-01T00:00:00Z'), a: berliner, b: newYorker, minutes: 150 }),
    expected: null,
  },
  {
    name: 'a slot beyond the horizon does not count',
    run: () => firstSlot({ after: new Date('2027-03-15T00:00:00Z'), a: berliner, b: newYorker, minutes: 90, horizonDays: 14 }),
    expected: null,
  },
];

const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe.each(zones)('firstSlot with the process in %s', (zone) => {
  it.each(cases)('$name', ({ run, expected }) => {
    // Node re-reads TZ when it is assigned; the check proves the process zone really changed.
    process.env.TZ = zone;
    const july = '2027-07-01T12:00:00Z';
    expect(new Date(july).getTimezoneOffset() + DateTime.fromISO(july, { zone }).offset).toBe(0);
    expect(iso(run())).toEqual(expected);
  });
});

describe('firstSlot', () => {
  it('puts the slot inside both people’s windows in their own zones', () => {
    const slot = firstSlot({ after: new Date('2027-03-22T00:00:00Z'), a: berliner, b: newYorker, minutes: 45 })!;
    const inBerlin = DateTime.fromJSDate(slot.startsAt, { zone: 'Europe/Berlin' });
    const inNewYork = DateTime.fromJSDate(slot.endsAt, { zone: 'America/New_York' });
    expect(inBerlin.weekday).toBe(1);
    expect(inBerlin.toFormat('HH:mm') >= '15:00').toBe(true);
    expect(inNewYork.toFormat('HH:mm') <= '11:00').toBe(true);
  });

  it('finds a slot common to a whole circle', () => {
    const tokyo: Person = { timeZone: 'Asia/Tokyo', availability: [{ day: 'mon', from: '23:00', to: '24:00' }] };
    const slot = firstCommonSlot([berliner, newYorker, tokyo], { after: new Date('2027-03-01T00:00:00Z'), minutes: 60 });
    expect(iso(slot)).toEqual({ startsAt: '2027-03-01T14:00:00.000Z', endsAt: '2027-03-01T15:00:00.000Z' });
    const early: Person = { timeZone: 'Asia/Tokyo', availability: [{ day: 'mon', from: '08:00', to: '09:00' }] };
    expect(firstCommonSlot([berliner, newYorker, early], { after: new Date('2027-03-01T00:00:00Z'), minutes: 30 })).toBeNull();
  });

  it('refuses an unknown time zone and a non-positive length', () => {
    expect(() => firstSlot({ after: new Date(), a: { timeZone: 'Mars/Olympus', availability: [] }, b: berliner, minutes: 30 })).toThrow(RangeError);
    expect(() => firstSlot({ after: new Date(), a: berliner, b: newYorker, minutes: 0 })).toThrow(RangeError);
  });
});
