import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticParticipants } from '../program/synthetic';
import { candidateAdjacency, candidateEdges, generateCandidates } from './candidates';
import type { Participant } from './participant';
import { compilePool } from './pool';
import { PairScorer } from './pair';
import { type ProgramFormat, resolveScoring } from './settings';
import { person, poolArbitrary } from './test-people';

function scorerFor(people: Participant[], format: ProgramFormat): PairScorer {
  const scoring = resolveScoring({ format });
  return new PairScorer(compilePool(people, scoring), scoring);
}

describe('generateCandidates', () => {
  it('index search at k = n - 1 equals exhaustive scoring (property)', () => {
    fc.assert(
      fc.property(poolArbitrary(), fc.constantFrom<ProgramFormat>('mentoring', 'peer'), fc.integer(), (people, format, seed) => {
        const scorer = scorerFor(people, format);
        const k = people.length - 1;
        const exhaustive = generateCandidates(scorer, { k, strategy: 'exhaustive' });
        const indexed = generateCandidates(scorer, { k, strategy: 'indexed', seed });
        expect(indexed.offsets).toEqual(exhaustive.offsets);
        expect(indexed.partners).toEqual(exhaustive.partners);
        expect(indexed.scores).toEqual(exhaustive.scores);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the k best feasible partners, best first, ties broken by id', () => {
    const twins = ['d', 'b', 'e', 'a', 'c'].map((id) => person(id));
    const lists = generateCandidates(scorerFor(twins, 'peer'), { k: 2 });
    const names = (p: number) => Array.from(lists.partners.subarray(lists.offsets[p], lists.offsets[p + 1]));
    expect(names(0)).toEqual([1, 2]); // a: b, c
    expect(names(2)).toEqual([0, 1]); // c: a, b
    expect(lists.strategy).toBe('exhaustive');
  });

  it('a shorter list is a prefix of a longer one', () => {
    fc.assert(
      fc.property(poolArbitrary(), (people) => {
        const scorer = scorerFor(people, 'peer');
        const long = generateCandidates(scorer, { k: people.length - 1 });
        const short = generateCandidates(scorer, { k: 2 });
        for (let p = 0; p < people.length; p++) {
          const kept = short.partners.subarray(short.offsets[p], short.offsets[p + 1]);
          expect(kept).toEqual(long.partners.subarray(long.offsets[p], (long.offsets[p] ?? 0) + kept.length));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('leaves out infeasible partners and mentor–mentor pairs', () => {
    const people = [
      person('m1', { role: 'mentor' }),
      person('m2', { role: 'mentor' }),
      person('x', { role: 'mentee', preferences: { avoid: ['m1'] } }),
      person('y', { role: 'mentee', languages: ['fi'] }),
    ];
    const lists = generateCandidates(scorerFor(people, 'mentoring'), { k: 5 });
    const ids = ['m1', 'm2', 'x', 'y'];
    const of = (p: number) => Array.from(lists.partners.subarray(lists.offsets[p], lists.offsets[p + 1]), (q) => ids[q]);
    expect([of(0), of(1), of(2), of(3)]).toEqual([[], ['x'], ['m2'], []]);
  });

  it('on a large pool keeps at most k feasible candidates each, deterministically for a seed', () => {
    const people = syntheticParticipants({ mentors: 500, mentees: 2000, seed: 7 });
    const scorer = scorerFor(people, 'mentoring');
    const first = generateCandidates(scorer, { k: 10, seed: 3 });
    const again = generateCandidates(scorer, { k: 10, seed: 3 });
    expect(first.strategy).toBe('indexed');
    expect(again.partners).toEqual(first.partners);
    expect(first.partners.length).toBeLessThanOrEqual(2500 * 10);
    expect(first.partners.length).toBeGreaterThan(2500 * 10 * 0.8);
    for (let p = 0; p < 2500; p += 97) {
      for (let i = first.offsets[p] ?? 0; i < (first.offsets[p + 1] ?? 0); i++) {
        expect(scorer.evaluate(p, first.partners[i] ?? 0, true)).toBe(first.scores[i]);
      }
    }
  }, 30_000); // 2,500 people scored twice: seconds on a loaded machine, not the default 5
});

describe('candidateEdges / candidateAdjacency', () => {
  it('are the undirected union of all lists, each edge once, adjacency best first', () => {
    fc.assert(
      fc.property(poolArbitrary(), fc.integer({ min: 1, max: 4 }), (people, k) => {
        const lists = generateCandidates(scorerFor(people, 'peer'), { k });
        const edges = candidateEdges(lists);
        const expected = new Set<string>();
        for (let p = 0; p < people.length; p++) {
          for (let i = lists.offsets[p] ?? 0; i < (lists.offsets[p + 1] ?? 0); i++) {
            const q = lists.partners[i] ?? 0;
            expected.add(`${Math.min(p, q)}-${Math.max(p, q)}`);
          }
        }
        const got = Array.from(edges.from, (from, e) => `${from}-${edges.to[e]}`);
        expect(new Set(got).size).toBe(got.length);
        expect(new Set(got)).toEqual(expected);
        expect(Array.from(edges.from).every((from, e) => from < (edges.to[e] ?? 0))).toBe(true);
        const adjacency = candidateAdjacency(people.length, edges);
        expect(adjacency.partners.length).toBe(2 * got.length);
        for (let p = 0; p < people.length; p++) {
          for (let i = (adjacency.offsets[p] ?? 0) + 1; i < (adjacency.offsets[p + 1] ?? 0); i++) {
            expect(adjacency.scores[i - 1]).toBeGreaterThanOrEqual(adjacency.scores[i] ?? 0);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
