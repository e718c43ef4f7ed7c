import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceOptimum } from './brute-force-reference';
import { solveCapacitated, type CapacitatedInput } from './capacitated-assignment';
import { solveDenseAssignment } from './dense-jonker-volgenant';

interface Instance {
  rows: number;
  capacities: number[];
  edges: { row: number; col: number; score: number }[];
}

function toInput(instance: Instance, cardinalityFirst: boolean): CapacitatedInput {
  return {
    rows: instance.rows,
    cols: instance.capacities.length,
    capacities: Int32Array.from(instance.capacities),
    edges: {
      from: Int32Array.from(instance.edges, (e) => e.row),
      to: Int32Array.from(instance.edges, (e) => e.col),
      weight: Float64Array.from(instance.edges, (e) => e.score),
    },
    cardinalityFirst,
  };
}

/** Checks capacities and allowed pairs; returns the number of matched rows. */
function expectFeasible(instance: Instance, rowToCol: Int32Array): number {
  const load = instance.capacities.map(() => 0);
  let matched = 0;
  rowToCol.forEach((j, i) => {
    if (j < 0) return;
    matched++;
    load[j]++;
    expect(instance.edges.some((e) => e.row === i && e.col === j)).toBe(true);
  });
  load.forEach((used, j) => expect(used).toBeLessThanOrEqual(instance.capacities[j]));
  return matched;
}

function checkAgainstBruteForce(instance: Instance, cardinalityFirst: boolean): void {
  const result = solveCapacitated(toInput(instance, cardinalityFirst));
  const matched = expectFeasible(instance, result.rowToCol);
  const reference = bruteForceOptimum({
    rows: instance.rows,
    capacities: instance.capacities,
    edges: instance.edges.map((e) => ({ row: e.row, col: e.col, cost: -e.score })),
    full: false,
    cardinalityFirst,
  });
  expect(reference).not.toBeNull();
  if (reference === null) return;
  if (cardinalityFirst) expect(matched).toBe(reference.assigned);
  expect(result.total).toBeCloseTo(-reference.cost, 9);
}

const instances = (score: fc.Arbitrary<number>) =>
  fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 4 })).chain(([rows, cols]) =>
    fc.record({
      rows: fc.constant(rows),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: cols, maxLength: cols }),
      edges: fc.array(fc.record({ row: fc.nat({ max: Math.max(rows - 1, 0) }), col: fc.nat({ max: cols - 1 }), score }), {
        maxLength: rows === 0 ? 0 : 3 * rows,
      }),
    }),
  );

describe('solveCapacitated', () => {
  it('fills a mentor up to capacity and reroutes through it', () => {
    const instance: Instance = {
      rows: 3,
      capacities: [2, 1],
      edges: [
        { row: 0, col: 0, score: 0.9 },
        { row: 1, col: 0, score: 0.8 },
        { row: 2, col: 0, score: 0.7 },
        { row: 0, col: 1, score: 0.85 },
      ],
    };
    const result = solveCapacitated(toInput(instance, false));
    expect(Array.from(result.rowToCol)).toEqual([1, 0, 0]);
    expect(result.total).toBeCloseTo(2.35, 12);
  });

  it('trades score for cardinality only when asked', () => {
    const instance: Instance = {
      rows: 2,
      capacities: [1, 1],
      edges: [
        { row: 0, col: 0, score: 1 },
        { row: 0, col: 1, score: 0.1 },
        { row: 1, col: 0, score: 0.5 },
      ],
    };
    expect(Array.from(solveCapacitated(toInput(instance, false)).rowToCol)).toEqual([0, -1]);
    const both = solveCapacitated(toInput(instance, true));
    expect(Array.from(both.rowToCol)).toEqual([1, 0]);
    expect(both.total).toBeCloseTo(0.6, 12);
  });

  it('leaves zero and negative scores unmatched unless cardinality comes first', () => {
    const instance: Instance = { rows: 1, capacities: [1], edges: [{ row: 0, col: 0, score: -0.5 }] };
    expect(solveCapacitated(toInput(instance, false)).rowToCol[0]).toBe(-1);
    expect(solveCapacitated(toInput(instance, true)).rowToCol[0]).toBe(0);
  });

  it('rejects malformed capacities', () => {
    const instance: Instance = { rows: 1, capacities: [1], edges: [] };
    expect(() => solveCapacitated({ ...toInput(instance, false), capacities: Int32Array.of(1, 1) })).toThrow(RangeError);
    expect(() => solveCapacitated({ ...toInput(instance, false), capacities: Int32Array.of(-1) })).toThrow(RangeError);
  });

  for (const cardinalityFirst of [false, true]) {
    it(`matches brute force on tied scores (cardinalityFirst=${cardinalityFirst})`, () => {
      const tiedScore = fc.constantFrom(0, 0.25, 0.5, 0.75, 1, -0.25);
      fc.assert(
        fc.property(instances(tiedScore), (instance) => checkAgainstBruteForce(instance, cardinalityFirst)),
        { numRuns: 400 },
      );
    });

    it(`matches brute force on float scores (cardinalityFirst=${cardinalityFirst})`, () => {
      const score = fc.double({ min: 0, max: 1, noNaN: true });
      fc.assert(
        fc.property(instances(score), (instance) => checkAgainstBruteForce(instance, cardinalityFirst)),
        { numRuns: 400 },
      );
    });
  }

  it('agrees with the dense solver on slot-expanded medium instances', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (rows, cols, capacity, seed) => {
          let state = seed;
          const random = () => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return state / 2 ** 32;
          };
          const edges: Instance['edges'] = [];
          for (let i = 0; i < rows; i++) {
            for (let j = 0; j < cols; j++) if (random() < 0.4) edges.push({ row: i, col: j, score: random() });
          }
          const instance: Instance = { rows, capacities: new Array<number>(cols).fill(capacity), edges };
          const result = solveCapacitated(toInput(instance, false));
          expectFeasible(instance, result.rowToCol);
          // Dense twin: one column per mentor slot plus one "unmatched" column per row; forbidden pairs cost -rows - 1.
          const slots = cols * capacity;
          const width = slots + rows;
          const scores = new Float64Array(rows * width).fill(-rows - 1);
          for (let i = 0; i < rows; i++) scores[i * width + slots + i] = 0;
          for (const { row, col, score } of edges) {
            for (let s = 0; s < capacity; s++) scores[row * width + col * capacity + s] = score;
          }
          const dense = solveDenseAssignment(scores, rows, width, { maximize: true });
          expect(result.total).toBeCloseTo(dense.total, 9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is deterministic', () => {
    const instance: Instance = {
      rows: 50,
      capacities: new Array<number>(10).fill(3),
      edges: Array.from({ length: 300 }, (_, k) => ({ row: k % 50, col: (k * 7) % 10, score: ((k * 37) % 11) / 10 })),
    };
    const first = solveCapacitated(toInput(instance, true));
    const second = solveCapacitated(toInput(instance, true));
    expect(Array.from(second.rowToCol)).toEqual(Array.from(first.rowToCol));
  });
});
