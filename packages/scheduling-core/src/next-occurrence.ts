import { DateTime } from 'luxon';

export interface Cadence {
  every: number;
  unit: 'day' | 'week' | 'month';
}

const units = { day: 'days', week: 'weeks', month: 'months' } as const;

/**
 * `previous` moved on by one cadence period, counted in UTC so the answer does not depend on
 * the process's zone. Months keep the day of the month, clamped to the month's end (Jan 31 -> Feb 28).
 */
export function nextOccurrence(previous: Date, cadence: Cadence): Date {
  if (!Number.isInteger(cadence.every) || cadence.every < 1) throw new RangeError('cadence.every must be a positive integer');
  return DateTime.fromJSDate(previous, { zone: 'utc' })
    .plus({ [units[cadence.unit]]: cadence.every })
    .toJSDate();
}
