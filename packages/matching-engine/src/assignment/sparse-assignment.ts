import { buildCostGraph } from './cost-graph';
import { solveWithAugmentingPaths } from './shortest-augmenting-paths';
import type { AssignmentResult, SparseEdges } from './types';
import { assertDimension, assertValidEdges } from './validation';

/**
 * Sparse linear assignment by shortest augmenting paths (LAPJVsp-style: augmenting row reduction, then a
 * Dijkstra search with column prices per free row on CSR arrays).
 *
 * - `full: true` (default): every row gets a distinct column; minimum total weight, or maximum with
 *   `maximize`. Throws InfeasibleAssignmentError when no such assignment exists.
 * - `full: false`: best partial assignment; with `maximize` the maximum total over positive-weight edges,
 *   otherwise the minimum total over negative-weight edges. Other edges never improve the total and are
 *   left out.
 *
 * Repeated (row, column) pairs count once, with their best weight. Weights are used as given (no
 * scaling), so integer weights give exact totals while sums stay below 2^53.
 */
export function solveSparseAssignment(
  rows: number,
  cols: number,
  edges: SparseEdges,
  opts: { maximize?: boolean; full?: boolean } = {},
): AssignmentResult {
  assertDimension('rows', rows);
  assertDimension('cols', cols);
  assertValidEdges(rows, cols, edges);
  const full = opts.full ?? true;
  const sign = opts.maximize ? -1 : 1;
  const cost = sign === 1 ? edges.weight : edges.weight.map((w) => -w);
  const graph = buildCostGraph(rows, cols, edges.from, edges.to, cost, full ? undefined : (e) => cost[e] < 0);
  const rowEdge = solveWithAugmentingPaths(graph, new Int32Array(cols).fill(1), !full);
  const rowToCol = new Int32Array(rows).fill(-1);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const e = rowEdge[i];
    if (e >= 0) {
      rowToCol[i] = graph.col[e];
      total += edges.weight[graph.source[e]];
    }
  }
  return { rowToCol, total };
}
