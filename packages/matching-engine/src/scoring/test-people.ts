import fc from 'fast-check';
import type { Participant, Role } from './participant';
import { compilePool } from './pool';
import { PairScorer } from './pair';
import { type ScoringSettings, resolveScoring } from './settings';

/** A plain participant for tests: override only what a test is about. */
export function person(id: string, overrides: Partial<Participant> = {}): Participant {
  return {
    id,
    role: 'peer',
    level: 3,
    timeZone: 'Europe/Berlin',
    languages: ['en'],
    availability: [{ day: 'mon', from: '09:00', to: '12:00' }],
    ...overrides,
  };
}

/** Scores one pair under the given settings; returns the scorer too, so a test can read criterion scores. */
export function scorePair(a: Participant, b: Participant, settings: Partial<ScoringSettings> = {}) {
  const scoring = resolveScoring({ format: 'peer', ...settings });
  const pool = compilePool([a, b], scoring);
  const scorer = new PairScorer(pool, scoring);
  const report = scorer.report(pool.indexOf.get(a.id) ?? 0, pool.indexOf.get(b.id) ?? 0);
  return { report, criteria: scorer.criteria, scorer };
}

/** A random participant over small vocabularies, so that random pools overlap, clash and conflict often. */
export const personArbitrary = (id: string, role: Role): fc.Arbitrary<Participant> =>
  fc
    .record({
      level: fc.integer({ min: 1, max: 5 }),
      languages: fc.subarray(['en', 'de', 'fr'], { minLength: 1 }),
      skillsOffered: fc.array(fc.record({ skill: fc.constantFrom('sql', 'go', 'sales', 'design'), level: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
      skillsSought: fc.array(fc.record({ skill: fc.constantFrom('sql', 'go', 'sales', 'design'), level: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
      goals: fc.subarray(['lead teams', 'public speaking', 'learn sql'], { maxLength: 2 }),
      interests: fc.subarray(['chess', 'hiking', 'music'], { maxLength: 3 }),
      timeZone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Tokyo'),
      availability: fc.array(
        fc.record({ day: fc.constantFrom('mon' as const, 'tue' as const), from: fc.constantFrom('08:00', '10:00', '13:00'), to: fc.constantFrom('14:00', '18:00') }),
        { maxLength: 2 },
      ),
      department: fc.option(fc.constantFrom('sales', 'it'), { nil: undefined }),
      capacity: fc.integer({ min: 1, max: 3 }),
      avoid: fc.subarray(['p0', 'p1', 'p2', 'p3']),
      prefer: fc.subarray(['p4', 'p5', 'p6']),
    })
    .map(({ avoid, prefer, ...rest }): Participant => ({ id, role, ...rest, preferences: { avoid, prefer } }));

/** Pools of 2..maxSize people with random mentor/mentee roles (ids p0, p1, ...). */
export const poolArbitrary = (maxSize = 14): fc.Arbitrary<Participant[]> =>
  fc
    .array(fc.constantFrom<Role>('mentor', 'mentee'), { minLength: 2, maxLength: maxSize })
    .chain((roles) => fc.tuple(...roles.map((role, i) => personArbitrary(`p${i}`, role))));
