import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formCircles, type CirclesInput } from './form-circles';
import { planGroups } from './group-plan';
import { seededRandom } from './seeded-random';

type Instance = Pick<CirclesInput, 'n' | 'k' | 'neighbours' | 'scores'>;

/** Random sparse candidate lists; a pair may be listed on one side, both, or with two values. */
const circlesInstance = (maxPeople: number): fc.Arbitrary<Instance> =>
  fc
    .record({ n: fc.integer({ min: 0, max: maxPeople }), k: fc.integer({ min: 2, max: 5 }) })
    .chain(({ n, k }) =>
      fc
        .array(fc.array(fc.tuple(fc.nat({ max: Math.max(0, n - 1) }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 6 }), {
          minLength: n,
          maxLength: n,
        })
        .map((lists) => {
          const cleaned = lists.map((list, i) => list.filter(([j]) => j !== i));
          return {
            n,
            k,
            neighbours: cleaned.map((list) => Int32Array.from(list, ([j]) => j)),
            scores: cleaned.map((list) => Float64Array.from(list, ([, s]) => s)),
          };
        }),
    );

/** The documented pair score: largest value listed for the pair in either direction, else 0. */
function pairScores(inst: Instance): number[][] {
  const matrix = Array.from({ length: inst.n }, () => new Array<number>(inst.n).fill(0));
  inst.neighbours.forEach((list, i) =>
    list.forEach((j, p) => {
      const s = Math.max(matrix[i][j], inst.scores[i][p]);
      matrix[i][j] = s;
      matrix[j][i] = s;
    }),
  );
  return matrix;
}

const groupScore = (matrix: number[][], group: number[]): number =>
  group.reduce((sum, a, x) => sum + group.slice(x + 1).reduce((inner, b) => inner + matrix[a][b], 0), 0);

/** Best total over every partition into plan.groupCount groups with sizes in the plan's band. */
function bruteForceOptimum(inst: Instance): number {
  const plan = planGroups(inst.n, inst.k);
  const matrix = pairScores(inst);
  const groups: number[][] = [];
  let best = plan.groupCount === 0 ? 0 : -Infinity;
  const place = (person: number): void => {
    if (person === inst.n) {
      if (groups.length === plan.groupCount && groups.every((g) => g.length >= plan.minSize)) {
        best = Math.max(best, groups.reduce((sum, g) => sum + groupScore(matrix, g), 0));
      }
      return;
    }
    for (const group of groups) {
      if (group.length === plan.maxSize) continue;
      group.push(person);
      place(person + 1);
      group.pop();
    }
    if (groups.length < plan.groupCount) {
      groups.push([person]);
      place(person + 1);
      groups.pop();
    }
  };
  place(0);
  return best;
}

describe('formCircles', () => {
  it('partitions everyone into the planned number of groups with allowed sizes and the true total', () => {
    fc.assert(
      fc.property(circlesInstance(14), fc.nat(), (inst, seed) => {
        const result = formCircles({ ...inst, seed });
        const plan = planGroups(inst.n, inst.k);
        expect(result.groups).toHaveLength(plan.groupCount);
        expect(result.groups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: inst.n }, (_, i) => i));
        for (const group of result.groups) {
          expect(group.length).toBeGreaterThanOrEqual(plan.minSize);
          expect(group.length).toBeLessThanOrEqual(plan.maxSize);
        }
        const matrix = pairScores(inst);
        expect(result.total).toBeCloseTo(result.groups.reduce((sum, g) => sum + groupScore(matrix, g), 0), 9);
        expect(result.total).toBeLessThanOrEqual(result.upperBound + 1e-9);
        expect(result.gap).toBeGreaterThanOrEqual(-1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('has an upper bound no lower than the brute-force optimum', () => {
    fc.assert(
      fc.property(circlesInstance(9), fc.nat(), (inst, seed) => {
        const optimum = bruteForceOptimum(inst);
        const result = formCircles({ ...inst, seed });
        expect(result.total).toBeLessThanOrEqual(optimum + 1e-9);
        expect(result.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it('ends in a local optimum: no single move or swap improves the total', () => {
    fc.assert(
      fc.property(circlesInstance(12), fc.nat(), (inst, seed) => {
        const { groups, total } = formCircles({ ...inst, seed });
        const plan = planGroups(inst.n, inst.k);
        const matrix = pairScores(inst);
        const totalOf = (gs: number[][]) => gs.reduce((sum, g) => sum + groupScore(matrix, g), 0);
        for (let a = 0; a < groups.length; a++) {
          for (let b = 0; b < groups.length; b++) {
            if (a === b) continue;
            for (const i of groups[a]) {
              if (groups[a].length > plan.minSize && groups[b].length < plan.maxSize) {
                const moved = groups.map((g, t) => (t === a ? g.filter((x) => x !== i) : t === b ? [...g, i] : g));
                expect(totalOf(moved)).toBeLessThanOrEqual(total + 1e-9);
              }
              for (const j of groups[b]) {
                const swapped = groups.map((g, t) => g.map((x) => (t === a && x === i ? j : t === b && x === j ? i : x)));
                expect(totalOf(swapped)).toBeLessThanOrEqual(total + 1e-9);
              }
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(circlesInstance(30), fc.nat(), (inst, seed) => {
        expect(formCircles({ ...inst, seed })).toEqual(formCircles({ ...inst, seed }));
      }),
      { numRuns: 50 },
    );
  });

  it('comes close to the optimum on small structured instances', () => {
    // People on a line with scores decaying with distance, so good circles are contiguous.
    const random = seededRandom(11);
    let ratioSum = 0;
    const trials = 40;
    for (let t = 0; t < trials; t++) {
      const n = 9;
      const position = Array.from({ length: n }, () => random());
      const neighbours = position.map((_, i) => Int32Array.from(position.keys()).filter((j) => j !== i));
      const scores = neighbours.map((list, i) => Float64Array.from(list, (j) => Math.exp(-4 * Math.abs(position[i] - position[j]))));
      const inst = { n, k: 3, neighbours, scores };
      ratioSum += formCircles({ ...inst, seed: t }).total / bruteForceOptimum(inst);
    }
    expect(ratioSum / trials).toBeGreaterThan(0.97);
  });

  it('improves on the greedy start and reports the gap against the bound', () => {
    const random = seededRandom(5);
    const n = 200;
    const neighbours = Array.from({ length: n }, (_, i) => Int32Array.from({ length: 10 }, (_, d) => (i + d + 1) % n));
    const scores = neighbours.map((list) => Float64Array.from(list, () => random()));
    const greedy = formCircles({ n, k: 4, neighbours, scores, seed: 1, maxIterations: 0 });
    const searched = formCircles({ n, k: 4, neighbours, scores, seed: 1 });
    expect(searched.total).toBeGreaterThan(greedy.total);
    expect(searched.upperBound).toBe(greedy.upperBound);
    expect(searched.gap).toBeCloseTo((searched.upperBound - searched.total) / searched.upperBound, 12);
  });

  it('rejects a bad iteration limit', () => {
    expect(() => formCircles({ n: 0, k: 4, neighbours: [], scores: [], seed: 1, maxIterations: -1 })).toThrow(RangeError);
  });
});
