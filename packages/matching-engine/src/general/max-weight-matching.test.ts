import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyDualCertificate } from './dual-certificate';
import { maxWeightMatching, solveMaxWeightMatching } from './max-weight-matching';
import type { GraphEdges } from './simple-graph';

type Edge = [number, number, number];

const toGraphEdges = (edges: readonly Edge[]): GraphEdges => ({
  u: Int32Array.from(edges, (e) => e[0]),
  v: Int32Array.from(edges, (e) => e[1]),
  w: Float64Array.from(edges, (e) => e[2]),
});

/** Best (cardinality, weight) over all matchings, by trying every edge set vertex by vertex. */
function bruteForce(n: number, edges: readonly Edge[], maxCardinality: boolean): { weight: number; size: number } {
  const incident: Edge[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    if (e[0] === e[1]) continue;
    incident[e[0]].push(e);
    incident[e[1]].push(e);
  }
  const used = new Uint8Array(n);
  let best = { weight: 0, size: 0 };
  const better = (weight: number, size: number): boolean =>
    maxCardinality ? size > best.size || (size === best.size && weight > best.weight) : weight > best.weight;
  const search = (v: number, weight: number, size: number): void => {
    while (v < n && used[v]) v++;
    if (v === n) {
      if (better(weight, size)) best = { weight, size };
      return;
    }
    used[v] = 1;
    search(v + 1, weight, size);
    for (const [a, b, w] of incident[v]) {
      const other = a === v ? b : a;
      if (used[other]) continue;
      used[other] = 1;
      search(v + 1, weight + w, size + 1);
      used[other] = 0;
    }
    used[v] = 0;
  };
  search(0, 0, 0);
  return best;
}

/** Checks mate is a matching made of graph edges and returns its weight (heaviest parallel edge). */
function matchedWeight(n: number, edges: readonly Edge[], mate: Int32Array): { weight: number; size: number } {
  let weight = 0;
  let size = 0;
  for (let x = 0; x < n; x++) {
    const y = mate[x];
    if (y === -1) continue;
    expect(y).not.toBe(x);
    expect(mate[y]).toBe(x);
    if (y < x) continue;
    const between = edges.filter((e) => (e[0] === x && e[1] === y) || (e[0] === y && e[1] === x)).map((e) => e[2]);
    expect(between.length).toBeGreaterThan(0);
    weight += Math.max(...between);
    size++;
  }
  return { weight, size };
}

/** Small graphs with self-loops, parallel edges, negative and zero weights, and many ties. */
const smallGraph = (maxWeight: number): fc.Arbitrary<{ n: number; edges: Edge[] }> =>
  fc.integer({ min: 1, max: 10 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(
        fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: -3, max: maxWeight })),
        { maxLength: 24 },
      ),
    }),
  );

describe('maxWeightMatching', () => {
  it('handles the empty graph and single edges', () => {
    expect(maxWeightMatching(0, toGraphEdges([]))).toEqual({ mate: new Int32Array(0), total: 0 });
    expect(maxWeightMatching(3, toGraphEdges([]))).toEqual({ mate: Int32Array.of(-1, -1, -1), total: 0 });
    expect(maxWeightMatching(2, toGraphEdges([[0, 1, 5]]))).toEqual({ mate: Int32Array.of(1, 0), total: 5 });
  });

  it('prefers one heavy edge over two light ones, unless maxCardinality', () => {
    const edges = toGraphEdges([
      [0, 1, 5],
      [1, 2, 11],
      [2, 3, 5],
    ]);
    expect(maxWeightMatching(4, edges)).toEqual({ mate: Int32Array.of(-1, 2, 1, -1), total: 11 });
    expect(maxWeightMatching(4, edges, { maxCardinality: true })).toEqual({ mate: Int32Array.of(1, 0, 3, 2), total: 10 });
  });

  it('uses a blossom to augment (classic S-blossom case)', () => {
    const edges = toGraphEdges([
      [0, 1, 8],
      [0, 2, 9],
      [1, 2, 10],
      [2, 3, 7],
    ]);
    expect(maxWeightMatching(4, edges)).toEqual({ mate: Int32Array.of(1, 0, 3, 2), total: 15 });
  });

  it('leaves out non-positive edges unless maxCardinality asks for them', () => {
    const edges = toGraphEdges([
      [0, 1, 2],
      [0, 2, -2],
      [1, 2, 1],
      [1, 3, -1],
      [2, 3, -6],
    ]);
    expect(maxWeightMatching(4, edges).total).toBe(2);
    expect(maxWeightMatching(4, edges, { maxCardinality: true })).toEqual({ mate: Int32Array.of(2, 3, 0, 1), total: -3 });
  });

  it('keeps integer totals beyond 2^31 exact', () => {
    const big = 2 ** 40 + 1;
    const result = maxWeightMatching(4, toGraphEdges([[0, 1, big], [2, 3, big], [1, 2, big + 7]]));
    expect(result.total).toBe(2 * big);
  });

  it('rejects endpoints out of range and non-finite weights', () => {
    expect(() => maxWeightMatching(2, toGraphEdges([[0, 2, 1]]))).toThrow(RangeError);
    expect(() => maxWeightMatching(2, toGraphEdges([[0, 1, Number.NaN]]))).toThrow(RangeError);
    expect(() => maxWeightMatching(-1, toGraphEdges([]))).toThrow(RangeError);
  });

  it('matches brute force on small random graphs, with a valid dual certificate', () => {
    fc.assert(
      fc.property(smallGraph(12), ({ n, edges }) => {
        const graph = toGraphEdges(edges);
        const { mate, total, certificate } = solveMaxWeightMatching(n, graph);
        const found = matchedWeight(n, edges, mate);
        expect(total).toBe(found.weight);
        expect(total).toBe(bruteForce(n, edges, false).weight);
        expect(verifyDualCertificate(n, graph, mate, certificate)).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });

  it('finds the heaviest maximum-cardinality matching on small random graphs', () => {
    fc.assert(
      fc.property(smallGraph(12), ({ n, edges }) => {
        const graph = toGraphEdges(edges);
        const { mate, total, certificate } = solveMaxWeightMatching(n, graph, { maxCardinality: true });
        const found = matchedWeight(n, edges, mate);
        expect(total).toBe(found.weight);
        expect(found).toEqual(bruteForce(n, edges, true));
        expect(verifyDualCertificate(n, graph, mate, certificate, { maxCardinality: true })).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });

  it('handles heavy ties (weights from a tiny range)', () => {
    fc.assert(
      fc.property(smallGraph(2), ({ n, edges }) => {
        const { mate, total } = maxWeightMatching(n, toGraphEdges(edges));
        expect(matchedWeight(n, edges, mate).weight).toBe(total);
        expect(total).toBe(bruteForce(n, edges, false).weight);
      }),
      { numRuns: 400 },
    );
  });

  it('is optimal for fractional weights up to rounding', () => {
    const fractional = fc.integer({ min: 2, max: 10 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 0, max: n - 1 }),
            fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }),
          ),
          { maxLength: 24 },
        ),
      }),
    );
    fc.assert(
      fc.property(fractional, ({ n, edges }) => {
        const graph = toGraphEdges(edges);
        const { mate, total, certificate } = solveMaxWeightMatching(n, graph);
        expect(total).toBeCloseTo(bruteForce(n, edges, false).weight, 9);
        expect(verifyDualCertificate(n, graph, mate, certificate, { tolerance: 1e-9 })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('proves its answers with dual certificates on larger random graphs (nested blossoms, many ties)', () => {
    const medium = fc.integer({ min: 10, max: 80 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        maxCardinality: fc.boolean(),
        edges: fc.array(
          fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: -2, max: 6 })),
          { minLength: n, maxLength: 6 * n },
        ),
      }),
    );
    fc.assert(
      fc.property(medium, ({ n, maxCardinality, edges }) => {
        const graph = toGraphEdges(edges);
        const { mate, total, certificate } = solveMaxWeightMatching(n, graph, { maxCardinality });
        expect(matchedWeight(n, edges, mate).weight).toBe(total);
        expect(verifyDualCertificate(n, graph, mate, certificate, { maxCardinality })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    const edges: Edge[] = [];
    for (let i = 0; i < 200; i++) edges.push([(i * 37) % 60, (i * 53 + 7) % 60, (i * 13) % 5]);
    const first = maxWeightMatching(60, toGraphEdges(edges));
    expect(maxWeightMatching(60, toGraphEdges(edges))).toEqual(first);
  });
});
