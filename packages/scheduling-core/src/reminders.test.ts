import { describe, expect, it } from 'vitest';
import { reminderDueTimes } from './reminders';

describe('reminderDueTimes', () => {
  const startsAt = new Date('2027-03-28T09:00:00Z');

  it('counts each offset back from the start in exact hours, earliest first, across a DST change', () => {
    // Europe switches at 01:00 UTC that day; the offsets are elapsed time, not wall-clock time.
    expect(reminderDueTimes(startsAt, ['PT1H', 'PT24H', 'PT30M', 'P1DT12H', 'P1W', 'PT90S'])
      .map((r) => [r.offset, r.dueAt.toISOString()])).toEqual([
      ['P1W', '2027-03-21T09:00:00.000Z'],
      ['P1DT12H', '2027-03-26T21:00:00.000Z'],
      ['PT24H', '2027-03-27T09:00:00.000Z'],
      ['PT1H', '2027-03-28T08:00:00.000Z'],
      ['PT30M', '2027-03-28T08:30:00.000Z'],
      ['PT90S', '2027-03-28T08:58:30.000Z'],
    ]);
    expect(reminderDueTimes(startsAt, ['P1D'])[0]!.dueAt.toISOString()).toBe('2027-03-27T09:00:00.000Z');
    expect(reminderDueTimes(startsAt, [])).toEqual([]);
  });

  it('refuses offsets the reminders schema refuses', () => {
    for (const bad of ['PT0S', 'P31D', 'P1M', '-PT1H', 'PT1.5H', '1h', 'P', 'PT']) {
      expect(() => reminderDueTimes(startsAt, [bad]), bad).toThrow(RangeError);
    }
  });
});
