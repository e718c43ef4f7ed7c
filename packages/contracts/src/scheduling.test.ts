import { describe, expect, it } from 'vitest';
import { freeSlotQuery, isoDurationMs, journey, reminders } from './scheduling';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('isoDurationMs', () => {
  it('reads weeks, days and a time part, a day being 24 hours', () => {
    expect(isoDurationMs('PT24H')).toBe(86_400_000);
    expect(isoDurationMs('P1D')).toBe(86_400_000);
    expect(isoDurationMs('PT30M')).toBe(1_800_000);
    expect(isoDurationMs('P1DT1H30M15S')).toBe(((25 * 60 + 30) * 60 + 15) * 1000);
    expect(isoDurationMs('P2W')).toBe(14 * 86_400_000);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'P', 'PT', 'P1DT', '1H', 'PT1.5H', 'PT-1H', 'P1M', 'P1Y', 'P1W2D', 'pt1h', ' PT1H']) expect(isoDurationMs(bad), bad).toBeNull();
  });
});

describe('reminders', () => {
  it('takes up to five different positive offsets of at most 30 days', () => {
    expect(reminders.parse(['PT24H', 'PT1H'])).toEqual(['PT24H', 'PT1H']);
    expect(reminders.parse(['P30D', 'PT1M', 'PT2H', 'P1W', 'PT15M'])).toHaveLength(5);
    expect(reminders.parse([])).toEqual([]);
  });

  it('names the offending entry', () => {
    expect(issues(reminders.safeParse(['PT24H', 'P1D']))).toEqual([['1', 'repeats an earlier offset']]);
    expect(issues(reminders.safeParse(['PT1H', 'soon']))).toEqual([['1', 'must be an ISO 8601 duration such as PT24H, P1D or PT30M']]);
    expect(issues(reminders.safeParse(['PT0M']))).toEqual([['0', 'must be longer than zero and at most 30 days']]);
    expect(issues(reminders.safeParse(['P31D']))).toEqual([['0', 'must be longer than zero and at most 30 days']]);
    expect(reminders.safeParse(['PT1H', 'PT2H', 'PT3H', 'PT4H', 'PT5H', 'PT6H']).success).toBe(false);
    expect(reminders.safeParse([60]).success).toBe(false);
  });
});

describe('journey', () => {
  const resource = '0190a4f2-0000-7000-8000-000000000001';

  it('takes steps with unique positive session numbers', () => {
    const steps = [{ session: 1, topic: 'Kick-off', resourceIds: [resource] }, { session: 4, topic: ' Review ' }];
    expect(journey.parse(steps)).toEqual([{ session: 1, topic: 'Kick-off', resourceIds: [resource] }, { session: 4, topic: 'Review' }]);
  });

  it('names what is wrong', () => {
    expect(issues(journey.safeParse([{ session: 2, topic: 'a' }, { session: 2, topic: 'b' }]))).toEqual([['1.session', 'repeats an earlier session number']]);
    expect(issues(journey.safeParse([{ session: 1, topic: 'a', resourceIds: [resource, resource] }]))).toEqual([['0.resourceIds', 'must not repeat a resource']]);
    for (const bad of [{ session: 0, topic: 'a' }, { session: 201, topic: 'a' }, { session: 1.5, topic: 'a' }, { session: 1, topic: '  ' }, { session: 1, topic: 'a', notes: 'x' }]) {
      expect(journey.safeParse([bad]).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('freeSlotQuery', () => {
  it('reads query strings and bounds the range', () => {
    expect(freeSlotQuery.parse({ from: '2027-01-01T00:00:00Z', to: '2027-02-01T00:00:00Z', minutes: '45', step: '30' }))
      .toEqual({ from: '2027-01-01T00:00:00Z', to: '2027-02-01T00:00:00Z', minutes: 45, step: 30 });
    expect(issues(freeSlotQuery.safeParse({ from: '2027-02-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }))).toEqual([['to', 'to must be after from']]);
    expect(issues(freeSlotQuery.safeParse({ from: '2027-01-01T00:00:00Z', to: '2028-01-03T00:00:00Z' }))).toEqual([['to', 'must be at most 366 days after from']]);
    expect(freeSlotQuery.safeParse({ from: '2027-01-01T00:00:00Z', to: '2027-01-02T00:00:00Z', step: '7' }).success).toBe(false);
  });
});
