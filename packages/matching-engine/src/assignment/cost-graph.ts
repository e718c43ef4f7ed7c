/**
 * Bipartite cost graph in compressed sparse row form: the edges of row `i` are
 * `rowStart[i] .. rowStart[i + 1] - 1`, each with a column, a cost to minimise and the index of the
 * input edge it came from (so callers can report totals in their own units).
 */
export interface CostGraph {
  rows: number;
  cols: number;
  rowStart: Int32Array;
  col: Int32Array;
  cost: Float64Array;
  source: Int32Array;
}

/**
 * Builds the graph from parallel edge arrays and per-edge costs, keeping only edges for which `keep`
 * says yes (all when omitted). Repeated (row, column) pairs collapse to their cheapest edge, the first
 * one on ties. Edges of a row keep their input order, so results do not depend on hashing.
 */
export function buildCostGraph(
  rows: number,
  cols: number,
  from: Int32Array,
  to: Int32Array,
  cost: Float64Array,
  keep?: (edge: number) => boolean,
): CostGraph {
  const rowStart = new Int32Array(rows + 1);
  let kept = 0;
  for (let e = 0; e < from.length; e++) {
    if (keep === undefined || keep(e)) {
      rowStart[from[e] + 1]++;
      kept++;
    }
  }
  for (let i = 0; i < rows; i++) rowStart[i + 1] += rowStart[i];
  const cursor = rowStart.slice(0, rows);
  const col = new Int32Array(kept);
  const edgeCost = new Float64Array(kept);
  const source = new Int32Array(kept);
  for (let e = 0; e < from.length; e++) {
    if (keep === undefined || keep(e)) {
      const at = cursor[from[e]]++;
      col[at] = to[e];
      edgeCost[at] = cost[e];
      source[at] = e;
    }
  }
  return collapseRepeatedPairs({ rows, cols, rowStart, col, cost: edgeCost, source });
}

function collapseRepeatedPairs(graph: CostGraph): CostGraph {
  const { rows, cols, rowStart, col, cost, source } = graph;
  const seenInRow = new Int32Array(cols).fill(-1);
  const seenAt = new Int32Array(cols);
  let write = 0;
  let readStart = 0;
  for (let i = 0; i < rows; i++) {
    const readEnd = rowStart[i + 1];
    rowStart[i] = write;
    for (let e = readStart; e < readEnd; e++) {
      const j = col[e];
      if (seenInRow[j] === i) {
        const at = seenAt[j];
        if (cost[e] < cost[at]) {
          cost[at] = cost[e];
          source[at] = source[e];
        }
        continue;
      }
      seenInRow[j] = i;
      seenAt[j] = write;
      col[write] = j;
      cost[write] = cost[e];
      source[write] = source[e];
      write++;
    }
    readStart = readEnd;
  }
  rowStart[rows] = write;
  if (write === col.length) return graph;
  return { rows, cols, rowStart, col: col.slice(0, write), cost: cost.slice(0, write), source: source.slice(0, write) };
}
