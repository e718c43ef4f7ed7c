import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceOptimum, type ReferenceEdge } from './brute-force-reference';
import { solveDenseAssignment } from './dense-jonker-volgenant';
import { solveSparseAssignment } from './sparse-assignment';

function denseEdges(costs: Float64Array, rows: number, cols: number, sign: number): ReferenceEdge[] {
  const edges: ReferenceEdge[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) edges.push({ row: i, col: j, cost: sign * costs[i * cols + j] });
  }
  return edges;
}

function expectValidFullAssignment(rowToCol: Int32Array, cols: number): void {
  const used = new Set<number>();
  for (const j of rowToCol) {
    expect(j).toBeGreaterThanOrEqual(0);
    expect(j).toBeLessThan(cols);
    expect(used.has(j)).toBe(false);
    used.add(j);
  }
}

const denseInstance = (costValue: fc.Arbitrary<number>) =>
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 }))
    .chain(([rows, extraCols]) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(rows + extraCols),
        costs: fc.array(costValue, { minLength: rows * (rows + extraCols), maxLength: rows * (rows + extraCols) }),
        maximize: fc.boolean(),
      }),
    );

describe('solveDenseAssignment', () => {
  it('solves a small square example', () => {
    const costs = Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]);
    const result = solveDenseAssignment(costs, 3, 3);
    expect(Array.from(result.rowToCol)).toEqual([1, 0, 2]);
    expect(result.total).toBe(5);
  });

  it('maximises when asked', () => {
    const costs = Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]);
    expect(solveDenseAssignment(costs, 3, 3, { maximize: true }).total).toBe(11);
  });

  it('leaves the worst columns unused in rectangular problems', () => {
    const costs = Float64Array.from([9, 1, 8, 7, 9, 2, 8, 3]);
    const result = solveDenseAssignment(costs, 2, 4);
    expect(Array.from(result.rowToCol)).toEqual([1, 3]);
    expect(result.total).toBe(4);
  });

  it('handles empty and single-column inputs', () => {
    expect(solveDenseAssignment(new Float64Array(0), 0, 0)).toEqual({ rowToCol: new Int32Array(0), total: 0 });
    expect(solveDenseAssignment(new Float64Array(0), 0, 3).total).toBe(0);
    expect(Array.from(solveDenseAssignment(Float64Array.from([7]), 1, 1).rowToCol)).toEqual([0]);
  });

  it('rejects more rows than columns, wrong lengths and non-finite costs', () => {
    expect(() => solveDenseAssignment(new Float64Array(6), 3, 2)).toThrow(RangeError);
    expect(() => solveDenseAssignment(new Float64Array(5), 2, 3)).toThrow(RangeError);
    expect(() => solveDenseAssignment(Float64Array.from([1, Number.NaN, 2, 3]), 2, 2)).toThrow(RangeError);
    expect(() => solveDenseAssignment(Float64Array.from([1, Infinity, 2, 3]), 2, 2)).toThrow(RangeError);
  });

  it('keeps integer totals exact for large costs', () => {
    const big = 2 ** 40;
    const costs = Float64Array.from([big + 1, big + 3, big + 2, big + 7]);
    expect(solveDenseAssignment(costs, 2, 2).total).toBe(2 * big + 5);
  });

  it('matches brute force on small integer matrices with many ties', () => {
    fc.assert(
      fc.property(denseInstance(fc.integer({ min: -3, max: 4 })), ({ rows, cols, costs, maximize }) => {
        const matrix = Float64Array.from(costs);
        const result = solveDenseAssignment(matrix, rows, cols, { maximize });
        expectValidFullAssignment(result.rowToCol, cols);
        let total = 0;
        result.rowToCol.forEach((j, i) => (total += matrix[i * cols + j]));
        expect(result.total).toBe(total);
        const sign = maximize ? -1 : 1;
        const reference = bruteForceOptimum({
          rows,
          capacities: new Array<number>(cols).fill(1),
          edges: denseEdges(matrix, rows, cols, sign),
          full: true,
        });
        expect(result.total).toBe(sign * (reference?.cost ?? Number.NaN) + 0);
      }),
      { numRuns: 400 },
    );
  });

  it('matches brute force on small float matrices', () => {
    const floatCost = fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(denseInstance(floatCost), ({ rows, cols, costs, maximize }) => {
        const matrix = Float64Array.from(costs);
        const result = solveDenseAssignment(matrix, rows, cols, { maximize });
        expectValidFullAssignment(result.rowToCol, cols);
        const sign = maximize ? -1 : 1;
        const reference = bruteForceOptimum({
          rows,
          capacities: new Array<number>(cols).fill(1),
          edges: denseEdges(matrix, rows, cols, sign),
          full: true,
        });
        expect(result.total).toBeCloseTo(sign * (reference?.cost ?? Number.NaN), 6);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the sparse solver on medium random matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom(3, 20, 1000),
        fc.boolean(),
        fc.boolean(),
        (rows, extraCols, seed, range, rankOne, maximize) => {
          const cols = rows + extraCols;
          let state = seed;
          const random = () => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return Math.floor((state / 2 ** 32) * range);
          };
          // Rank-one costs make every row rank the columns alike, so most rows need an augmenting path.
          const rowFactor = Array.from({ length: rows }, random);
          const colFactor = Array.from({ length: cols }, random);
          const costs = Float64Array.from({ length: rows * cols }, (_, k) =>
            rankOne ? rowFactor[Math.floor(k / cols)] * colFactor[k % cols] + (k % 3) : random(),
          );
          const dense = solveDenseAssignment(costs, rows, cols, { maximize });
          expectValidFullAssignment(dense.rowToCol, cols);
          const edges = {
            from: Int32Array.from({ length: rows * cols }, (_, k) => Math.floor(k / cols)),
            to: Int32Array.from({ length: rows * cols }, (_, k) => k % cols),
            weight: costs,
          };
          expect(dense.total).toBe(solveSparseAssignment(rows, cols, edges, { maximize }).total);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    const costs = Float64Array.from({ length: 400 }, (_, k) => (k * 7919) % 13);
    const first = solveDenseAssignment(costs, 20, 20);
    const second = solveDenseAssignment(costs, 20, 20);
    expect(Array.from(second.rowToCol)).toEqual(Array.from(first.rowToCol));
  });
});
