import { describe, expect, it } from 'vitest';
import { MASK_WORDS, MINUTES_PER_WEEK, WeekProjector, markHours, maskOverlapBound, mergeIntervals, referenceWeekStart } from './availability';

describe('referenceWeekStart', () => {
  it('is Monday 00:00 UTC of the week containing the start', () => {
    expect(referenceWeekStart('2027-01-10T23:00:00+02:00')?.toISO()).toBe('2027-01-04T00:00:00.000Z');
    expect(referenceWeekStart('not a date')).toBeUndefined();
  });
});

describe('mergeIntervals', () => {
  it('sorts and joins overlapping or touching intervals', () => {
    expect(mergeIntervals([50, 60, 0, 10, 10, 20, 55, 70, 30, 40])).toEqual([0, 20, 30, 40, 50, 70]);
    expect(mergeIntervals([])).toEqual([]);
  });
});

describe('WeekProjector', () => {
  const week = referenceWeekStart('2027-01-06T00:00:00Z');
  if (week === undefined) throw new Error('bad test week');
  const projector = new WeekProjector(week);

  it('converts local slots to UTC minutes of the reference week', () => {
    expect(projector.project('Europe/Berlin', [{ day: 'tue', from: '09:00', to: '10:30' }])).toEqual([1440 + 480, 1440 + 570]);
  });

  it('wraps a slot that falls before the week start to the week end', () => {
    // Monday 00:00–02:00 in Tokyo is Sunday 15:00–17:00 UTC of the week before
    expect(projector.project('Asia/Tokyo', [{ day: 'mon', from: '00:00', to: '02:00' }])).toEqual([MINUTES_PER_WEEK - 540, MINUTES_PER_WEEK - 420]);
    // Sunday 23:00–24:00 in Los Angeles is Monday 07:00–08:00 UTC of the week after
    expect(projector.project('America/Los_Angeles', [{ day: 'sun', from: '23:00', to: '24:00' }])).toEqual([420, 480]);
  });

  it('bounds the overlap from above with hour masks', () => {
    const mask = new Int32Array(2 * MASK_WORDS);
    markHours([60, 90], mask, 0);
    markHours([75, 200], mask, MASK_WORDS);
    expect(maskOverlapBound(mask, 0, MASK_WORDS)).toBe(60);
  });
});
