import { afterAll, describe, expect, it } from 'vitest';
import { nextOccurrence } from './next-occurrence';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney'])('nextOccurrence with the process in %s', (zone) => {
  it('adds days, weeks and months in UTC, across a DST switch and a short month', () => {
    process.env.TZ = zone;
    const at = (s: string) => new Date(s).toISOString();
    expect(nextOccurrence(new Date('2027-03-22T14:00:00Z'), { every: 2, unit: 'week' }).toISOString()).toBe(at('2027-04-05T14:00:00Z'));
    expect(nextOccurrence(new Date('2027-03-27T23:30:00Z'), { every: 1, unit: 'day' }).toISOString()).toBe(at('2027-03-28T23:30:00Z'));
    expect(nextOccurrence(new Date('2027-01-31T09:00:00Z'), { every: 1, unit: 'month' }).toISOString()).toBe(at('2027-02-28T09:00:00Z'));
    expect(nextOccurrence(new Date('2027-11-15T09:00:00Z'), { every: 3, unit: 'month' }).toISOString()).toBe(at('2028-02-15T09:00:00Z'));
  });

  it('refuses a cadence that does not move forward', () => {
    expect(() => nextOccurrence(new Date(), { every: 0, unit: 'week' })).toThrow(RangeError);
  });
});
