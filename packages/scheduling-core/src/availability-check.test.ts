import { describe, expect, it } from 'vitest';
import { availabilityViolations } from './availability-check';
import type { Member } from './free-slots';

const berliner: Member = { participantId: 'b', timeZone: 'Europe/Berlin', availability: [{ day: 'mon', from: '15:00', to: '17:00' }] };
const newYorker: Member = { participantId: 'n', timeZone: 'America/New_York', availability: [{ day: 'mon', from: '09:00', to: '11:00' }] };
const sydney: Member = { participantId: 's', timeZone: 'Australia/Sydney', availability: [{ day: 'tue', from: '07:00', to: '09:00' }] };
const check = (members: Member[], startsAt: string, endsAt: string) =>
  availabilityViolations({ members, startsAt: new Date(startsAt), endsAt: new Date(endsAt) });

describe('availabilityViolations', () => {
  it('accepts a time inside everyone’s windows, across the northern DST gap between the US and the EU', () => {
    expect(check([berliner, newYorker], '2027-03-15T14:00:00Z', '2027-03-15T15:00:00Z')).toEqual([]);
    expect(check([berliner, newYorker], '2027-03-29T13:00:00Z', '2027-03-29T15:00:00Z')).toEqual([]);
  });

  it('names each member the time does not suit, with their own clock', () => {
    // 15 March: New York already on daylight time (09:00-11:00 = 13:00-15:00 UTC), Berlin not yet.
    expect(check([berliner, newYorker], '2027-03-15T14:00:00Z', '2027-03-15T15:30:00Z')).toEqual([
      { participantId: 'n', reason: 'outside-availability', timeZone: 'America/New_York', local: { startsAt: '2027-03-15T10:00', endsAt: '2027-03-15T11:30' } },
    ]);
    expect(check([berliner, newYorker], '2027-03-15T03:00:00Z', '2027-03-15T04:00:00Z').map((v) => [v.participantId, v.local.startsAt])).toEqual([
      ['b', '2027-03-15T04:00'],
      ['n', '2027-03-14T23:00'],
    ]);
  });

  it('follows the southern switch: the same UTC time is in hours before 4 April 2027 and out after', () => {
    expect(check([sydney], '2027-03-29T20:00:00Z', '2027-03-29T21:00:00Z')).toEqual([]);
    expect(check([sydney], '2027-04-05T20:00:00Z', '2027-04-05T21:00:00Z')).toEqual([
      { participantId: 's', reason: 'outside-availability', timeZone: 'Australia/Sydney', local: { startsAt: '2027-04-06T06:00', endsAt: '2027-04-06T07:00' } },
    ]);
  });

  it('tells a member without any windows apart', () => {
    const none: Member = { participantId: 'x', timeZone: 'Asia/Kolkata', availability: [] };
    expect(check([none], '2027-03-15T14:00:00Z', '2027-03-15T15:00:00Z')).toEqual([
      { participantId: 'x', reason: 'no-availability', timeZone: 'Asia/Kolkata', local: { startsAt: '2027-03-15T19:30', endsAt: '2027-03-15T20:30' } },
    ]);
  });

  it('accepts a time spanning back-to-back windows and midnight', () => {
    const tokyo: Member = {
      participantId: 't', timeZone: 'Asia/Tokyo', availability: [{ day: 'mon', from: '22:00', to: '24:00' }, { day: 'tue', from: '00:00', to: '01:00' }],
    };
    expect(check([tokyo], '2027-01-04T13:00:00Z', '2027-01-04T16:00:00Z')).toEqual([]);
    expect(check([tokyo], '2027-01-04T13:00:00Z', '2027-01-04T16:15:00Z')).toHaveLength(1);
  });

  it('refuses an end that is not after the start', () => {
    expect(() => check([berliner], '2027-03-15T14:00:00Z', '2027-03-15T14:00:00Z')).toThrow(RangeError);
  });
});
