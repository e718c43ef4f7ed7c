import { buildCostGraph } from './cost-graph';
import { chooseScoreScale } from './fixed-point-scores';
import { solveWithAugmentingPaths } from './shortest-augmenting-paths';
import type { AssignmentResult, SparseEdges } from './types';
import { assertDimension, assertValidEdges } from './validation';

export interface CapacitatedInput {
  /** Mentees; each is matched at most once. */
  rows: number;
  /** Mentors; mentor j takes at most `capacities[j]` mentees. */
  cols: number;
  capacities: Int32Array;
  /** Allowed (mentee, mentor) pairs with scores, higher is better. */
  edges: SparseEdges;
  /** Maximise the number of matched mentees first, then the total score among such matchings. */
  cardinalityFirst?: boolean;
}

/**
 * Maximum-score capacitated assignment (a min-cost flow) by shortest augmenting paths: a greedy start,
 * then one Dijkstra search per unplaced mentee that stops at the first free mentor slot, or at a mentee
 * dropping out when that is cheaper.
 *
 * Exactness: scores are rounded to integer multiples of 2^-k and the search runs on those integers,
 * where float64 arithmetic is exact. k is as large as possible with max|score| * 2^k * h <= 2^48, where
 * h = 1, or 2 * rows + 2 with `cardinalityFirst` (room for a per-match bonus larger than any score
 * total). Scores in [0, 1] get k = 48 (resolution 3.6e-15); with `cardinalityFirst` and 100k mentees,
 * k = 30 (resolution 9.3e-10). The result is optimal for the rounded scores, so its true total is within
 * rows * 2^-k of the true optimum. `total` sums the caller's unrounded scores.
 *
 * Without `cardinalityFirst`, pairs whose rounded score is <= 0 are never worth matching and are left out.
 */
export function solveCapacitated(input: CapacitatedInput): AssignmentResult {
  const { rows, cols, capacities, edges } = input;
  assertDimension('rows', rows);
  assertDimension('cols', cols);
  assertValidEdges(rows, cols, edges);
  if (capacities.length !== cols) {
    throw new RangeError(`capacities has length ${capacities.length}, expected ${cols}`);
  }
  for (let j = 0; j < cols; j++) {
    if (capacities[j] < 0) throw new RangeError(`capacity of column ${j} is negative: ${capacities[j]}`);
  }
  const { weight, from, to } = edges;
  let maxAbsScore = 0;
  for (let e = 0; e < weight.length; e++) maxAbsScore = Math.max(maxAbsScore, Math.abs(weight[e]));
  const cardinalityFirst = input.cardinalityFirst ?? false;
  // A matched-row bonus above (2 * rows + 1) times the largest score outweighs any score difference.
  const headroom = cardinalityFirst ? 2 * rows + 2 : 1;
  const scale = chooseScoreScale(maxAbsScore, headroom);
  const scaled = weight.map((w) => Math.round(w * scale));
  let maxScaled = 0;
  for (let e = 0; e < scaled.length; e++) maxScaled = Math.max(maxScaled, Math.abs(scaled[e]));
  const matchBonus = cardinalityFirst ? (2 * rows + 1) * maxScaled + 1 : 0;
  const cost = scaled.map((s) => -(matchBonus + s));
  const graph = buildCostGraph(rows, cols, from, to, cost, (e) => capacities[to[e]] > 0 && cost[e] < 0);
  const rowEdge = solveWithAugmentingPaths(graph, capacities, true);
  const rowToCol = new Int32Array(rows).fill(-1);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const e = rowEdge[i];
    if (e >= 0) {
      rowToCol[i] = graph.col[e];
      total += weight[graph.source[e]];
    }
  }
  return { rowToCol, total };
}
