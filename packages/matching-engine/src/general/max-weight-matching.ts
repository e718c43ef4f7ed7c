import { BlossomSolver } from './blossom-solver';
import type { DualCertificate } from './dual-certificate';
import { buildSimpleGraph, type GraphEdges } from './simple-graph';

export interface MatchingOptions {
  /** Only maximum-cardinality matchings count; among those, the heaviest is returned. */
  maxCardinality?: boolean;
}

export interface MatchingResult {
  /** mate[v] is v's partner, or -1 when v is unmatched. */
  mate: Int32Array;
  /** Sum of the matched edges' weights (exact for integer weights up to 2^53). */
  total: number;
}

/**
 * Maximum-weight matching on a general graph with n vertices, in O(n m log n) time.
 *
 * Self-loops are ignored, and of parallel edges only the heaviest counts. Without maxCardinality,
 * edges of weight <= 0 are left out (they cannot raise the total), so vertices are only paired
 * when that helps. Throws RangeError on endpoints outside 0..n-1 or non-finite weights.
 */
export function maxWeightMatching(n: number, edges: GraphEdges, opts: MatchingOptions = {}): MatchingResult {
  const { mate, total } = solveMaxWeightMatching(n, edges, opts);
  return { mate, total };
}

/** Like maxWeightMatching, also returning the optimal duals that prove the answer. */
export function solveMaxWeightMatching(
  n: number,
  edges: GraphEdges,
  opts: MatchingOptions = {},
): MatchingResult & { certificate: DualCertificate } {
  const maxCardinality = opts.maxCardinality ?? false;
  const graph = buildSimpleGraph(n, edges, maxCardinality ? () => true : (w) => w > 0);
  const solver = new BlossomSolver(graph, maxCardinality);
  solver.solve();
  const mate = solver.mate;
  let total = 0;
  for (let e = 0; e < graph.weight.length; e++) if (mate[graph.from[e]] === graph.to[e]) total += graph.weight[e];
  return { mate, total, certificate: solver.certificate() };
}
