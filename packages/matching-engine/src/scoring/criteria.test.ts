import { describe, expect, it } from 'vitest';
import { CRITERION_INDEX, type Criterion } from './criteria';
import { MatchingInputError } from './input-error';
import { experienceFit, skillCoverage } from './pair';
import { person, scorePair } from './test-people';
import { resolveScoring } from './settings';

const value = (criteria: Float64Array, name: Criterion): number => criteria[CRITERION_INDEX[name]] ?? NaN;

describe('skills', () => {
  it('covers a sought skill fully from one level above, partly at or just below', () => {
    expect([skillCoverage(2, 3), skillCoverage(2, 5), skillCoverage(2, 2), skillCoverage(2, 1), skillCoverage(3, 1)]).toEqual([1, 1, 0.5, 0.25, 0]);
  });

  it('averages the mentee’s sought skills as covered by the mentor, names compared case-insensitively', () => {
    const mentee = person('a', { role: 'mentee', skillsSought: [{ skill: 'Public-Speaking', level: 2 }, { skill: 'negotiation', level: 3 }, { skill: 'sql', level: 1 }] });
    const mentor = person('b', { role: 'mentor', skillsOffered: [{ skill: 'public-speaking ', level: 4 }, { skill: 'negotiation', level: 3 }] });
    const { criteria } = scorePair(mentee, mentor, { format: 'mentoring' });
    expect(value(criteria, 'skills')).toBeCloseTo((1 + 0.5 + 0) / 3, 12);
  });

  it('averages mutual coverage both ways for peers', () => {
    const a = person('a', { skillsSought: [{ skill: 'x', level: 2 }], skillsOffered: [{ skill: 'y', level: 4 }] });
    const b = person('b', { skillsSought: [{ skill: 'y', level: 2 }] });
    expect(value(scorePair(a, b).criteria, 'skills')).toBe(0.5);
  });

  it('is 0 when nothing is sought', () => {
    expect(value(scorePair(person('a'), person('b')).criteria, 'skills')).toBe(0);
  });
});

describe('goals and interests', () => {
  it('use the Dice overlap of content words', () => {
    const a = person('a', { goals: ['Become a better manager'], interests: ['hiking', 'chess'] });
    const b = person('b', { goals: ['manager skills'], interests: ['Chess'] });
    const { criteria } = scorePair(a, b);
    // {become, better, manager} vs {manager, skills}; {hiking, chess} vs {chess}
    expect(value(criteria, 'goals')).toBeCloseTo(2 / 5, 12);
    expect(value(criteria, 'interests')).toBeCloseTo(2 / 3, 12);
  });

  it('are 0 when both are empty', () => {
    expect(value(scorePair(person('a'), person('b')).criteria, 'goals')).toBe(0);
  });
});

describe('experience', () => {
  it('peaks at the target gap for mentoring (default 2 levels) and falls off linearly', () => {
    const mentee = person('a', { role: 'mentee', level: 2 });
    const fit = (level: number, experienceGap?: number) =>
      value(scorePair(mentee, person('b', { role: 'mentor', level }), { format: 'mentoring', experienceGap }).criteria, 'experience');
    expect([fit(4), fit(3), fit(5), fit(2), fit(1)]).toEqual([1, 0.75, 0.75, 0.5, 0.25]);
    expect(fit(3, 1)).toBe(1);
  });

  it('rewards similarity between peers', () => {
    expect(value(scorePair(person('a', { level: 2 }), person('b', { level: 4 })).criteria, 'experience')).toBe(0.5);
    expect(experienceFit(0, 0)).toBe(1);
  });
});

describe('availability', () => {
  const slot = (from: string, to: string, day: 'mon' | 'sun' = 'mon') => [{ day, from, to }];

  it('is the usable weekly overlap over session minutes times slot choices per cadence period', () => {
    const a = person('a', { availability: slot('09:00', '12:00') });
    expect(value(scorePair(a, person('b', { availability: slot('09:00', '12:00') })).criteria, 'availability')).toBe(1);
    expect(value(scorePair(a, person('b', { availability: slot('11:00', '13:00') })).criteria, 'availability')).toBeCloseTo(60 / 180, 12);
    // every two weeks: 90 wanted minutes per week
    const biweekly = { cadence: { every: 2, unit: 'week' as const } };
    expect(value(scorePair(a, person('b', { availability: slot('11:00', '13:00') }), biweekly).criteria, 'availability')).toBeCloseTo(60 / 90, 12);
  });

  it('ignores shared blocks shorter than a session', () => {
    const a = person('a', { availability: slot('09:00', '12:00') });
    const b = person('b', { availability: slot('11:15', '13:00') });
    expect(value(scorePair(a, b).criteria, 'availability')).toBe(0);
    expect(value(scorePair(a, b, { sessionMinutes: 45 }).criteria, 'availability')).toBeCloseTo(45 / 135, 12);
  });

  it('converts time zones: 09:00 in New York is 15:00 in Berlin', () => {
    const berlin = person('a', { availability: slot('15:00', '17:00') });
    const newYork = person('b', { timeZone: 'America/New_York', availability: slot('09:00', '11:00') });
    expect(value(scorePair(berlin, newYork, { startsAt: '2027-01-11T00:00:00Z' }).criteria, 'availability')).toBeCloseTo(120 / 180, 12);
  });

  it('follows daylight saving of the program start week (DST: New York moves in March two weeks before Berlin)', () => {
    const berlin = person('a', { availability: slot('15:00', '17:00') });
    const newYork = person('b', { timeZone: 'America/New_York', availability: slot('09:00', '11:00') });
    const overlapScore = (startsAt: string) => value(scorePair(berlin, newYork, { startsAt }).criteria, 'availability');
    expect(overlapScore('2027-03-03T08:00:00Z')).toBeCloseTo(120 / 180, 12); // both on standard time: 6 h apart
    expect(overlapScore('2027-03-17T08:00:00Z')).toBeCloseTo(60 / 180, 12); // New York on EDT, Berlin on CET: 5 h
    expect(overlapScore('2027-04-07T08:00:00Z')).toBeCloseTo(120 / 180, 12); // both on summer time: 6 h again
    const strict = { minOverlapMinutes: 90 };
    expect(scorePair(berlin, newYork, { ...strict, startsAt: '2027-03-17T08:00:00Z' }).report.violations).toEqual(['min-availability']);
    expect(scorePair(berlin, newYork, { ...strict, startsAt: '2027-03-03T08:00:00Z' }).report.violations).toEqual([]);
  });

  it('counts the real length of a slot spanning the spring-forward night', () => {
    // Berlin, Sunday 28 March 2027: 02:00 jumps to 03:00, so 01:00–04:00 lasts two hours
    const a = person('a', { availability: slot('01:00', '04:00', 'sun') });
    const b = person('b', { availability: slot('00:00', '06:00', 'sun') });
    expect(value(scorePair(a, b, { startsAt: '2027-03-24T00:00:00Z', sessionMinutes: 40 }).criteria, 'availability')).toBeCloseTo(120 / 120, 12);
    expect(value(scorePair(a, b, { startsAt: '2027-03-24T00:00:00Z', sessionMinutes: 50 }).criteria, 'availability')).toBeCloseTo(120 / 150, 12);
  });

  it('joins a shared block that wraps around the end of the week', () => {
    const a = person('a', { timeZone: 'UTC', availability: [{ day: 'sun', from: '23:30', to: '24:00' }, { day: 'mon', from: '00:00', to: '00:30' }] });
    const b = person('b', { timeZone: 'Asia/Tokyo', availability: slot('08:00', '10:00') }); // Sun 23:00 – Mon 01:00 UTC
    expect(value(scorePair(a, b).criteria, 'availability')).toBeCloseTo(60 / 180, 12);
  });

  it('is neutral (0.5) and unchecked when someone gave no availability', () => {
    const { criteria, report } = scorePair(person('a', { availability: [] }), person('b'));
    expect(value(criteria, 'availability')).toBe(0.5);
    expect(report.constraints).not.toContain('min-availability');
  });
});

describe('language, department, location, preferences', () => {
  it('treats regional variants as one language and scores a shared one 1', () => {
    const { criteria, report } = scorePair(person('a', { languages: ['en-GB'] }), person('b', { languages: ['EN', 'de'] }));
    expect(value(criteria, 'language')).toBe(1);
    expect(report.violations).toEqual([]);
  });

  it('makes no shared language a hard violation', () => {
    const { criteria, report } = scorePair(person('a', { languages: ['fr'] }), person('b', { languages: ['de'] }));
    expect(value(criteria, 'language')).toBe(0);
    expect(report.violations).toEqual(['shared-language']);
  });

  it('prefers different departments by default, the same on request, neutral when unknown', () => {
    const a = person('a', { department: 'Sales' });
    expect(value(scorePair(a, person('b', { department: 'Legal' })).criteria, 'department')).toBe(1);
    expect(value(scorePair(a, person('b', { department: 'sales' })).criteria, 'department')).toBe(0);
    expect(value(scorePair(a, person('b', { department: 'Sales' }), { departmentPreference: 'same' }).criteria, 'department')).toBe(1);
    expect(value(scorePair(a, person('b')).criteria, 'department')).toBe(0.5);
  });

  it('prefers the same location by default', () => {
    const a = person('a', { location: 'Berlin' });
    expect(value(scorePair(a, person('b', { location: 'Berlin' })).criteria, 'location')).toBe(1);
    expect(value(scorePair(a, person('b', { location: 'Paris' }), { locationPreference: 'different' }).criteria, 'location')).toBe(1);
  });

  it('gives a bonus for wished partners: half for one side, full when mutual', () => {
    const a = person('a', { preferences: { prefer: ['b'] } });
    expect(value(scorePair(a, person('b')).criteria, 'preferences')).toBe(0.5);
    expect(value(scorePair(a, person('b', { preferences: { prefer: ['a'] } })).criteria, 'preferences')).toBe(1);
    expect(value(scorePair(person('a'), person('b')).criteria, 'preferences')).toBe(0);
  });
});

describe('weights and explanation', () => {
  const a = person('a', { goals: ['learn chess'], level: 2, department: 'x', skillsSought: [{ skill: 'go', level: 1 }] });
  const b = person('b', { goals: ['chess'], level: 3, department: 'y', skillsOffered: [{ skill: 'go', level: 5 }] });

  it('score is the weighted mean of the criteria and the explanation sums to it', () => {
    const { report, criteria } = scorePair(a, b, { weights: { skills: 4, location: 0 } });
    const weights = { skills: 4, goals: 2, interests: 1, experience: 1, availability: 2, language: 1, department: 1, location: 0, preferences: 1 };
    const sum = Object.values(weights).reduce((x, y) => x + y, 0);
    const expected = Object.entries(weights).reduce((total, [name, weight]) => total + weight * value(criteria, name as Criterion), 0) / sum;
    expect(report.score).toBeCloseTo(expected, 12);
    const contributions = Object.values(report.explanation);
    expect(contributions.reduce((x, y) => x + y, 0)).toBeCloseTo(report.score, 12);
    expect(report.explanation).not.toHaveProperty('location'); // zero weight: no contribution listed
    expect(report.score).toBeGreaterThanOrEqual(0);
    expect(report.score).toBeLessThanOrEqual(1);
  });

  it('rejects unknown criteria, negative weights and all-zero weights', () => {
    expect(() => resolveScoring({ format: 'peer', weights: { charisma: 1 } })).toThrow(MatchingInputError);
    expect(() => resolveScoring({ format: 'peer', weights: { skills: -1 } })).toThrow(/weights.skills/);
    const zero = { skills: 0, goals: 0, interests: 0, experience: 0, availability: 0, language: 0, department: 0, location: 0, preferences: 0 };
    expect(() => resolveScoring({ format: 'peer', weights: zero })).toThrow(/at least one weight/);
  });

  it('rejects malformed program settings', () => {
    expect(() => resolveScoring({ format: 'peer', startsAt: 'next monday' })).toThrow(/startsAt/);
    expect(() => resolveScoring({ format: 'peer', sessionMinutes: 0 })).toThrow(/sessionMinutes/);
    expect(() => resolveScoring({ format: 'peer', cadence: { every: 0, unit: 'week' } })).toThrow(/cadence/);
    expect(() => resolveScoring({ format: 'peer', minOverlapMinutes: -5 })).toThrow(/minOverlapMinutes/);
  });
});
