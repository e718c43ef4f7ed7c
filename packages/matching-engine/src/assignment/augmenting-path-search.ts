import type { AssignmentState } from './assignment-state';
import { MinHeap } from './min-heap';
import { InfeasibleAssignmentError } from './types';

/**
 * Shortest augmenting paths (successive shortest paths with Dijkstra on reduced costs) for assignment
 * with column capacities. The search runs over columns: from a full column it continues through each row
 * it holds, to that row's other edges. It stops at the first end that no cheaper path can beat:
 * a column with a free slot, or, when rows may stay unassigned, a row leaving the matching (the start row
 * itself, or a row bumped out of its slot). Prices of settled columns then drop by their distance short
 * of the end (the usual Dijkstra potential update), which keeps all reduced costs non-negative.
 *
 * Ties are settled in bulk as in Jonker–Volgenant: a column reached at the distance of the column being
 * expanded cannot get any closer, so it skips the heap and is expanded next.
 *
 * Ends are never pushed on the heap: they have no outgoing arcs, so tracking the best one is enough,
 * and the search stops as soon as the heap minimum reaches it.
 */
export class AugmentingPathSearch {
  private readonly dist: Float64Array;
  private readonly reachedIn: Int32Array;
  private readonly settled: Int32Array;
  private readonly settledDist: Float64Array;
  private readonly predRow: Int32Array;
  private readonly predEdge: Int32Array;
  private readonly heap: MinHeap;
  private readonly ready: Int32Array;
  private searchId = 0;

  constructor(
    private readonly state: AssignmentState,
    private readonly allowUnassigned: boolean,
  ) {
    const cols = state.graph.cols;
    this.dist = new Float64Array(cols);
    this.reachedIn = new Int32Array(cols).fill(-1);
    this.settled = new Int32Array(cols);
    this.settledDist = new Float64Array(cols);
    this.predRow = new Int32Array(cols);
    this.predEdge = new Int32Array(cols);
    this.ready = new Int32Array(cols);
    this.heap = new MinHeap(cols);
  }

  /** Places the unassigned row `start`, re-routing others along the cheapest alternating path. */
  placeRow(start: number): void {
    const { dist, reachedIn, settled, settledDist, ready, predRow, predEdge, heap, allowUnassigned } = this;
    const { price, slotStart, slotRow, freeSlots, rowEdge } = this.state;
    const { rowStart, col, cost } = this.state.graph;
    const id = ++this.searchId;
    let settledCount = 0;
    let readyCount = 0;
    // Leaving the start row unassigned costs 0 at reduced price 0.
    let bestEnd = allowUnassigned ? 0 : Infinity;
    let endRow = start;
    let endEdge = -1;
    // Distance of the last column taken from the heap: columns reached at or below it are settled at once.
    let level = -Infinity;
    // Rows still to expand: the start row, then the rows held by the column settled last.
    let row = start;
    let offset = 0;
    let nextSlot = 0;
    let endSlot = 0;
    let columnPrice = 0;
    let columnDist = 0;
    search: for (;;) {
      const rowEnd = rowStart[row + 1];
      for (let e = rowStart[row]; e < rowEnd; e++) {
        const k = col[e];
        const candidate = cost[e] - price[k] - offset;
        if (freeSlots[k] > 0) {
          if (candidate < bestEnd) {
            bestEnd = candidate;
            endRow = row;
            endEdge = e;
          }
        } else if (reachedIn[k] !== id || candidate < dist[k]) {
          // Settled columns hold dist -Infinity, so they are never improved.
          reachedIn[k] = id;
          predRow[k] = row;
          predEdge[k] = e;
          if (candidate <= level) {
            dist[k] = -Infinity;
            ready[readyCount++] = settledCount;
            settled[settledCount] = k;
            settledDist[settledCount++] = candidate;
          } else {
            dist[k] = candidate;
            heap.push(candidate, k);
          }
        }
      }
      while (nextSlot === endSlot) {
        let j: number;
        if (readyCount > 0) {
          const at = ready[--readyCount];
          j = settled[at];
          columnDist = settledDist[at];
          if (columnDist >= bestEnd) break search;
        } else {
          while (heap.size > 0 && dist[heap.peekNode()] !== heap.peekKey()) heap.pop();
          if (heap.size === 0) break search;
          columnDist = heap.peekKey();
          if (columnDist >= bestEnd) break search;
          j = heap.peekNode();
          heap.pop();
          level = columnDist;
          dist[j] = -Infinity;
          settled[settledCount] = j;
          settledDist[settledCount++] = columnDist;
        }
        columnPrice = price[j];
        // Only full columns are settled: every slot holds a row.
        nextSlot = slotStart[j];
        endSlot = slotStart[j + 1];
      }
      row = slotRow[nextSlot++];
      // Row duals are implicit: the row's edges cost `cost - price - offset` from here.
      offset = cost[rowEdge[row]] - columnPrice - columnDist;
      if (allowUnassigned && -offset < bestEnd) {
        bestEnd = -offset;
        endRow = row;
        endEdge = -1;
      }
    }
    heap.clear();
    if (bestEnd === Infinity) {
      throw new InfeasibleAssignmentError(`row ${start} cannot be assigned without unassigning another row`);
    }
    // Only columns closer than the end move; those settled in bulk at the end's distance keep their price.
    for (let k = 0; k < settledCount; k++) {
      const gain = settledDist[k] - bestEnd;
      if (gain < 0) price[settled[k]] += gain;
    }
    this.augment(start, endRow, endEdge);
  }

  /** Shifts every row on the path one step: the end row takes the free slot (or leaves), the start row gets in. */
  private augment(start: number, endRow: number, endEdge: number): void {
    const { slotStart, slotRow, freeSlots, rowEdge, rowSlot } = this.state;
    const col = this.state.graph.col;
    let row = endRow;
    let edge = endEdge;
    let slot = -1;
    if (edge >= 0) {
      const j = col[edge];
      slot = slotStart[j + 1] - freeSlots[j]--;
    }
    for (;;) {
      const previousEdge = rowEdge[row];
      const previousSlot = rowSlot[row];
      rowEdge[row] = edge;
      rowSlot[row] = slot;
      if (slot >= 0) slotRow[slot] = row;
      if (row === start) return;
      const j = col[previousEdge];
      slot = previousSlot;
      edge = this.predEdge[j];
      row = this.predRow[j];
    }
  }
}
