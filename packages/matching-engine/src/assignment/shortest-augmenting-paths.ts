import { AugmentingPathSearch } from './augmenting-path-search';
import { createAssignmentState, type AssignmentState } from './assignment-state';
import type { CostGraph } from './cost-graph';
import { assignGreedily, reduceColumns, reduceRowsWithUnitCapacities } from './initial-assignment';
import { InfeasibleAssignmentError } from './types';

/**
 * Minimum-cost assignment of rows to column slots on a sparse graph. With `allowUnassigned` each row may
 * also stay out at cost 0 (so only negative-cost edges are worth taking); without it every row must be
 * assigned, or InfeasibleAssignmentError is thrown. Returns, per row, the graph edge it uses or -1.
 *
 * Formally this is the rectangular assignment problem on columns expanded to `capacity[j]` slots (plus
 * one private zero-cost column per row when rows may stay out), solved by shortest augmenting paths
 * from an initial partial assignment; slots of one column share a price, which the dual of the
 * capacitated problem allows.
 */
export function solveWithAugmentingPaths(
  graph: CostGraph,
  capacity: Int32Array,
  allowUnassigned: boolean,
): Int32Array {
  let totalCapacity = 0;
  let unitCapacities = true;
  for (let j = 0; j < graph.cols; j++) {
    totalCapacity += capacity[j];
    if (capacity[j] !== 1) unitCapacities = false;
  }
  if (!allowUnassigned && graph.rows > totalCapacity) {
    throw new InfeasibleAssignmentError(`${graph.rows} rows cannot all fit into ${totalCapacity} column slots`);
  }
  const state = createAssignmentState(graph, capacity);
  const pending = unitCapacities
    ? reduceRowsWithUnitCapacities(state, initiallyFreeRows(state, allowUnassigned), allowUnassigned)
    : assignGreedily(state, allowUnassigned);
  const search = new AugmentingPathSearch(state, allowUnassigned);
  for (const row of pending) search.placeRow(row);
  return state.rowEdge;
}

/** Square problems that must assign every row start from column reduction; others from no assignment. */
function initiallyFreeRows(state: AssignmentState, allowUnassigned: boolean): Int32Array {
  const { rows, cols } = state.graph;
  if (!allowUnassigned && rows === cols) return reduceColumns(state);
  return Int32Array.from({ length: rows }, (_, i) => i);
}
