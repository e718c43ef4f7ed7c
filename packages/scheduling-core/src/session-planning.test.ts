import { describe, expect, it } from 'vitest';
import type { Person } from './availability';
import { planNextSessionTime, planSessionTime } from './session-planning';

const berliner: Person = { timeZone: 'Europe/Berlin', availability: [{ day: 'mon', from: '15:00', to: '17:00' }] };
const newYorker: Person = { timeZone: 'America/New_York', availability: [{ day: 'mon', from: '09:00', to: '11:00' }] };
const pair = { members: [berliner, newYorker], minutes: 90 };
const iso = (t: ReturnType<typeof planSessionTime>) =>
  t && (t.startsAt ? { startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString() } : t);

describe('planNextSessionTime', () => {
  it('moves one cadence period on, then takes the first slot that fits (after both DST switches)', () => {
    // Due 15 March, but 90 minutes only fit again once Europe has switched too.
    expect(iso(planNextSessionTime(new Date('2027-03-01T14:00:00Z'), { every: 2, unit: 'week' }, pair)))
      .toEqual({ startsAt: '2027-03-29T13:00:00.000Z', endsAt: '2027-03-29T14:30:00.000Z' });
    expect(iso(planNextSessionTime(new Date('2027-03-01T14:00:00Z'), { every: 1, unit: 'month' }, { ...pair, minutes: 60 })))
      .toEqual({ startsAt: '2027-04-05T13:00:00.000Z', endsAt: '2027-04-05T14:00:00.000Z' });
  });

  it('keeps clear of the members’ other sessions', () => {
    // On 15 March the one shared hour is taken, so the session goes to the next Monday.
    const busy = [{ startsAt: new Date('2027-03-15T14:30:00Z'), endsAt: new Date('2027-03-15T15:00:00Z') }];
    expect(iso(planNextSessionTime(new Date('2027-03-01T14:00:00Z'), { every: 2, unit: 'week' }, { ...pair, minutes: 60, busy })))
      .toEqual({ startsAt: '2027-03-22T14:00:00.000Z', endsAt: '2027-03-22T15:00:00.000Z' });
  });
});

describe('planSessionTime', () => {
  it('starts no earlier than notBefore, on a quarter hour', () => {
    expect(iso(planSessionTime(new Date('2027-01-01T00:00:00Z'), { ...pair, minutes: 30, notBefore: new Date('2027-03-29T13:05:00Z') })))
      .toEqual({ startsAt: '2027-03-29T13:15:00.000Z', endsAt: '2027-03-29T13:45:00.000Z' });
  });

  it('needs a time, with the reason, when a member has no availability or nothing is shared in the horizon', () => {
    const nobody: Person = { timeZone: 'Asia/Tokyo', availability: [] };
    expect(planSessionTime(new Date('2027-03-01T00:00:00Z'), { ...pair, members: [berliner, nobody] }))
      .toEqual({ startsAt: null, endsAt: null, reason: 'no-availability' });
    expect(planSessionTime(new Date('2027-03-15T00:00:00Z'), { ...pair, horizonDays: 10 }))
      .toEqual({ startsAt: null, endsAt: null, reason: 'no-common-slot' });
  });

  it('looks no further than the program’s end, and plans nothing when not even the length fits before it', () => {
    expect(planSessionTime(new Date('2027-03-15T00:00:00Z'), { ...pair, notAfter: new Date('2027-03-29T14:00:00Z') }))
      .toEqual({ startsAt: null, endsAt: null, reason: 'no-common-slot' });
    expect(iso(planSessionTime(new Date('2027-03-15T00:00:00Z'), { ...pair, notAfter: new Date('2027-03-29T14:30:00Z') })))
      .toEqual({ startsAt: '2027-03-29T13:00:00.000Z', endsAt: '2027-03-29T14:30:00.000Z' });
    expect(planSessionTime(new Date('2027-03-15T00:00:00Z'), { ...pair, notAfter: new Date('2027-03-15T01:00:00Z') })).toBeNull();
  });
});
