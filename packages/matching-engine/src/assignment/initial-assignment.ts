import { assignToFreeSlot, type AssignmentState } from './assignment-state';
import { InfeasibleAssignmentError } from './types';

const NO_EDGE = -2;
/** Pseudo-edge for "leave the row unassigned", reduced cost 0, offered only when rows may stay unassigned. */
const STAY_UNASSIGNED = -1;

/**
 * Greedy start at price 0: each row takes its cheapest edge when that column has a free slot. Rows whose
 * cheapest option is staying unassigned are settled for good (no later path can reach them). Returns the
 * rows that still need an augmenting path, in row order.
 */
export function assignGreedily(state: AssignmentState, allowUnassigned: boolean): Int32Array {
  const { rowStart, col, cost, rows } = state.graph;
  const pending: number[] = [];
  for (let i = 0; i < rows; i++) {
    let best = allowUnassigned ? 0 : Infinity;
    let bestEdge = -1;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      if (cost[e] < best) {
        best = cost[e];
        bestEdge = e;
      }
    }
    if (bestEdge < 0) {
      if (!allowUnassigned) throw new InfeasibleAssignmentError(`row ${i} has no allowed column`);
      continue;
    }
    const j = col[bestEdge];
    if (state.freeSlots[j] > 0) assignToFreeSlot(state, i, bestEdge);
    else pending.push(i);
  }
  return Int32Array.from(pending);
}

/**
 * Jonker–Volgenant column reduction for square problems where every row must be assigned: each column
 * is priced at its cheapest entry and handed to that row if the row has none yet; rows that got exactly
 * one column then lower its price to their second-best reduced cost (reduction transfer). Returns the
 * rows left without a column.
 */
export function reduceColumns(state: AssignmentState): Int32Array {
  const { rowStart, col, cost, rows, cols } = state.graph;
  const { price, slotRow, rowEdge, rowSlot, freeSlots } = state;
  const cheapestEdge = new Int32Array(cols).fill(-1);
  price.fill(Infinity);
  for (let i = 0; i < rows; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = col[e];
      if (cost[e] < price[j]) {
        price[j] = cost[e];
        cheapestEdge[j] = e;
      }
    }
  }
  const rowOfEdge = (e: number): number => upperBound(rowStart, e) - 1;
  const columnsTaken = new Int32Array(rows);
  for (let j = cols - 1; j >= 0; j--) {
    const e = cheapestEdge[j];
    if (e < 0) throw new InfeasibleAssignmentError(`column ${j} has no allowed row`);
    const i = rowOfEdge(e);
    if (columnsTaken[i]++ === 0) {
      slotRow[j] = i;
      freeSlots[j] = 0;
      rowEdge[i] = e;
      rowSlot[i] = j;
    }
  }
  const free: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (columnsTaken[i] === 0) {
      free.push(i);
    } else if (columnsTaken[i] === 1) {
      const own = rowEdge[i];
      let secondBest = Infinity;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        if (e !== own) secondBest = Math.min(secondBest, cost[e] - price[col[e]]);
      }
      if (secondBest !== Infinity) price[col[own]] -= secondBest;
    }
  }
  return Int32Array.from(free);
}

/** First index in the ascending array whose value exceeds `value`. */
function upperBound(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Jonker–Volgenant augmenting row reduction for unit capacities (slot j is column j), two rounds over
 * all rows starting at price 0. A row takes its cheapest column and lowers that column's price to the
 * row's second-best reduced cost, so the evicted owner is likely to move elsewhere. Returns the rows
 * still free afterwards.
 */
export function reduceRowsWithUnitCapacities(
  state: AssignmentState,
  initiallyFree: Int32Array,
  allowUnassigned: boolean,
): Int32Array {
  const { rowStart, col, cost, rows } = state.graph;
  const { price, slotRow, rowEdge, rowSlot, freeSlots } = state;
  const free = new Int32Array(rows);
  let numFree = 0;
  for (const i of initiallyFree) {
    if (rowStart[i + 1] > rowStart[i]) free[numFree++] = i;
    else if (!allowUnassigned) throw new InfeasibleAssignmentError(`row ${i} has no allowed column`);
  }
  for (let round = 0; round < 2 && numFree > 0; round++) {
    // Immediate re-processing of evicted rows is capped so tiny float price steps cannot stretch a round.
    let budget = 4 * rows;
    const previous = numFree;
    numFree = 0;
    let k = 0;
    while (k < previous) {
      const i = free[k++];
      let umin = allowUnassigned ? 0 : Infinity;
      let e1 = allowUnassigned ? STAY_UNASSIGNED : NO_EDGE;
      let usub = Infinity;
      let e2 = NO_EDGE;
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const h = cost[e] - price[col[e]];
        if (h < usub) {
          if (h >= umin) {
            usub = h;
            e2 = e;
          } else {
            usub = umin;
            e2 = e1;
            umin = h;
            e1 = e;
          }
        }
      }
      const strict = umin < usub;
      let chosen = e1;
      if (chosen !== STAY_UNASSIGNED) {
        if (strict && usub !== Infinity) price[col[chosen]] -= usub - umin;
        else if (!strict && slotRow[col[chosen]] >= 0) chosen = e2;
      }
      if (chosen === STAY_UNASSIGNED) continue;
      const j = col[chosen];
      const evicted = slotRow[j];
      if (evicted >= 0) {
        rowEdge[evicted] = -1;
        rowSlot[evicted] = -1;
      } else {
        freeSlots[j] = 0;
      }
      slotRow[j] = i;
      rowEdge[i] = chosen;
      rowSlot[i] = j;
      if (evicted >= 0) {
        if (strict && usub !== Infinity && budget > 0) {
          budget--;
          free[--k] = evicted;
        } else {
          free[numFree++] = evicted;
        }
      }
    }
  }
  return free.slice(0, numFree);
}
