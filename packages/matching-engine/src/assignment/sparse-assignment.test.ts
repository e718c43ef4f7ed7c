import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceOptimum } from './brute-force-reference';
import { solveDenseAssignment } from './dense-jonker-volgenant';
import { solveSparseAssignment } from './sparse-assignment';
import { InfeasibleAssignmentError, type SparseEdges } from './types';

interface Instance {
  rows: number;
  cols: number;
  edges: { row: number; col: number; weight: number }[];
}

function toSparseEdges(instance: Instance): SparseEdges {
  return {
    from: Int32Array.from(instance.edges, (e) => e.row),
    to: Int32Array.from(instance.edges, (e) => e.col),
    weight: Float64Array.from(instance.edges, (e) => e.weight),
  };
}

/** Best weight per (row, column) pair, the way the solver reads repeated pairs. */
function bestWeights(instance: Instance, maximize: boolean): Map<string, number> {
  const best = new Map<string, number>();
  for (const { row, col, weight } of instance.edges) {
    const key = `${row},${col}`;
    const known = best.get(key);
    if (known === undefined || (maximize ? weight > known : weight < known)) best.set(key, weight);
  }
  return best;
}

function checkAgainstBruteForce(instance: Instance, maximize: boolean, full: boolean): void {
  const sign = maximize ? -1 : 1;
  const reference = bruteForceOptimum({
    rows: instance.rows,
    capacities: new Array<number>(instance.cols).fill(1),
    edges: instance.edges.map((e) => ({ row: e.row, col: e.col, cost: sign * e.weight })),
    full,
  });
  const solve = () => solveSparseAssignment(instance.rows, instance.cols, toSparseEdges(instance), { maximize, full });
  if (reference === null) {
    expect(solve).toThrow(InfeasibleAssignmentError);
    return;
  }
  const result = solve();
  const weights = bestWeights(instance, maximize);
  const used = new Set<number>();
  let total = 0;
  result.rowToCol.forEach((j, i) => {
    if (j < 0) {
      expect(full).toBe(false);
      return;
    }
    expect(used.has(j)).toBe(false);
    used.add(j);
    const weight = weights.get(`${i},${j}`);
    expect(weight).toBeDefined();
    total += weight ?? Number.NaN;
  });
  expect(result.total).toBe(total);
  expect(result.total).toBeCloseTo(sign * reference.cost, 9);
}

/**
 * Optimum by the dense solver: forbidden pairs get a prohibitive cost, and for partial assignments each
 * row gets a private zero-cost column meaning "unassigned". Null when a full assignment is impossible.
 */
function denseTwinOptimum(instance: Instance, maximize: boolean, full: boolean): number | null {
  const { rows, cols } = instance;
  if (full && rows > cols) return null;
  const forbidden = 1e7;
  const sign = maximize ? -1 : 1;
  const width = full ? cols : cols + rows;
  const costs = new Float64Array(rows * width).fill(forbidden);
  if (!full) for (let i = 0; i < rows; i++) costs[i * width + cols + i] = 0;
  for (const { row, col, weight } of instance.edges) {
    const at = row * width + col;
    costs[at] = Math.min(costs[at], sign * weight);
  }
  const total = solveDenseAssignment(costs, rows, width).total;
  return total >= forbidden / 2 ? null : sign * total + 0;
}

const sparseInstance = (weight: fc.Arbitrary<number>) =>
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([rows, cols]) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      edges: fc.array(
        fc.record({ row: fc.nat({ max: Math.max(rows - 1, 0) }), col: fc.nat({ max: cols - 1 }), weight }),
        { maxLength: rows === 0 ? 0 : 3 * rows + cols },
      ),
    }),
  );

describe('solveSparseAssignment', () => {
  it('solves a full assignment that needs an augmenting path', () => {
    const edges = toSparseEdges({
      rows: 3,
      cols: 3,
      edges: [
        { row: 0, col: 0, weight: 1 },
        { row: 0, col: 1, weight: 2 },
        { row: 1, col: 0, weight: 1 },
        { row: 2, col: 1, weight: 5 },
        { row: 2, col: 2, weight: 9 },
      ],
    });
    const result = solveSparseAssignment(3, 3, edges);
    expect(Array.from(result.rowToCol)).toEqual([1, 0, 2]);
    expect(result.total).toBe(12);
  });

  it('throws when some row cannot be placed', () => {
    const edges = toSparseEdges({
      rows: 2,
      cols: 2,
      edges: [
        { row: 0, col: 0, weight: 1 },
        { row: 1, col: 0, weight: 1 },
      ],
    });
    expect(() => solveSparseAssignment(2, 2, edges)).toThrow(InfeasibleAssignmentError);
    expect(() => solveSparseAssignment(3, 2, edges)).toThrow(InfeasibleAssignmentError);
    expect(solveSparseAssignment(2, 2, edges, { full: false, maximize: true }).total).toBe(1);
  });

  it('ignores edges that cannot improve a partial assignment', () => {
    const edges = toSparseEdges({
      rows: 2,
      cols: 2,
      edges: [
        { row: 0, col: 0, weight: -2 },
        { row: 1, col: 1, weight: 3 },
      ],
    });
    expect(Array.from(solveSparseAssignment(2, 2, edges, { full: false, maximize: true }).rowToCol)).toEqual([-1, 1]);
    expect(Array.from(solveSparseAssignment(2, 2, edges, { full: false }).rowToCol)).toEqual([0, -1]);
  });

  it('rejects malformed edges', () => {
    const ok = { from: Int32Array.of(0), to: Int32Array.of(0), weight: Float64Array.of(1) };
    expect(() => solveSparseAssignment(1, 1, { ...ok, to: Int32Array.of(1) })).toThrow(RangeError);
    expect(() => solveSparseAssignment(1, 1, { ...ok, weight: Float64Array.of(Number.NaN) })).toThrow(RangeError);
    expect(() => solveSparseAssignment(1, 1, { ...ok, from: Int32Array.of(0, 0) })).toThrow(RangeError);
    expect(() => solveSparseAssignment(-1, 1, ok)).toThrow(RangeError);
  });

  for (const full of [true, false]) {
    for (const maximize of [false, true]) {
      it(`matches brute force (full=${full}, maximize=${maximize}) with ties and repeated pairs`, () => {
        fc.assert(
          fc.property(sparseInstance(fc.integer({ min: -4, max: 5 })), (instance) =>
            checkAgainstBruteForce(instance, maximize, full),
          ),
          { numRuns: 300 },
        );
      });
    }
  }

  it('matches brute force with float weights', () => {
    const weight = fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(sparseInstance(weight), fc.boolean(), fc.boolean(), (instance, maximize, full) =>
        checkAgainstBruteForce(instance, maximize, full),
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the dense solver on random sparse medium-size instances', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        // Square problems take a different start (column reduction), so they get half the runs.
        fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 20 })),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.boolean(),
        fc.boolean(),
        (rows, extraCols, degree, seed, maximize, full) => {
          const cols = Math.max(1, rows + extraCols);
          let state = seed;
          const random = (bound: number) => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return Math.floor((state / 2 ** 32) * bound);
          };
          const edges: Instance['edges'] = [];
          for (let i = 0; i < rows; i++) {
            for (let t = 0; t < degree; t++) edges.push({ row: i, col: random(cols), weight: random(41) - 20 });
          }
          const instance = { rows, cols, edges };
          const expected = denseTwinOptimum(instance, maximize, full);
          const solve = () => solveSparseAssignment(rows, cols, toSparseEdges(instance), { maximize, full });
          if (expected === null) expect(solve).toThrow(InfeasibleAssignmentError);
          else expect(solve().total).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the dense solver on complete medium-size matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (rows, extraCols, seed, maximize) => {
          const cols = rows + extraCols;
          const costs = Float64Array.from({ length: rows * cols }, (_, k) => ((k + 1) * seed * 2654435761) % 50);
          const edges = {
            from: Int32Array.from({ length: rows * cols }, (_, k) => Math.floor(k / cols)),
            to: Int32Array.from({ length: rows * cols }, (_, k) => k % cols),
            weight: costs,
          };
          const sparse = solveSparseAssignment(rows, cols, edges, { maximize });
          expect(sparse.total).toBe(solveDenseAssignment(costs, rows, cols, { maximize }).total);
        },
      ),
      { numRuns: 100 },
    );
  });
});
