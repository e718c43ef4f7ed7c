import type { CostGraph } from './cost-graph';

/**
 * Partial assignment of rows to column slots plus column prices, shared by the initial heuristics and
 * the augmenting-path search.
 *
 * Column `j` owns slots `slotStart[j] .. slotStart[j + 1] - 1` (its capacity), all but the last
 * `freeSlots[j]` of which hold rows; a column with no free slot is full. `rowEdge[i]` is the graph edge row `i` is assigned through (-1 when unassigned) and
 * `rowSlot[i]` its slot. Invariants kept by every step: an assigned row's edge has the smallest reduced
 * cost `cost - price[col]` among its edges (and is <= 0 when rows may stay unassigned), prices only go
 * down, and a column with a free slot has price 0. The last one matters only when some slots stay free
 * at the end, so square problems that fill every column may start from column-reduced prices instead.
 */
export interface AssignmentState {
  readonly graph: CostGraph;
  readonly slotStart: Int32Array;
  readonly slotRow: Int32Array;
  readonly freeSlots: Int32Array;
  readonly price: Float64Array;
  readonly rowEdge: Int32Array;
  readonly rowSlot: Int32Array;
}

export function createAssignmentState(graph: CostGraph, capacity: Int32Array): AssignmentState {
  const slotStart = new Int32Array(graph.cols + 1);
  for (let j = 0; j < graph.cols; j++) slotStart[j + 1] = slotStart[j] + capacity[j];
  return {
    graph,
    slotStart,
    slotRow: new Int32Array(slotStart[graph.cols]).fill(-1),
    freeSlots: capacity.slice(),
    price: new Float64Array(graph.cols),
    rowEdge: new Int32Array(graph.rows).fill(-1),
    rowSlot: new Int32Array(graph.rows).fill(-1),
  };
}

/** Puts row `i` into a new slot of the edge's column, which must have room. */
export function assignToFreeSlot(state: AssignmentState, i: number, edge: number): void {
  const j = state.graph.col[edge];
  const slot = state.slotStart[j + 1] - state.freeSlots[j]--;
  state.slotRow[slot] = i;
  state.rowEdge[i] = edge;
  state.rowSlot[i] = slot;
}
