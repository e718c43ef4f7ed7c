import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAssignmentState, type AssignmentState } from './assignment-state';
import { buildCostGraph } from './cost-graph';
import { assignGreedily, reduceColumns, reduceRowsWithUnitCapacities } from './initial-assignment';
import { InfeasibleAssignmentError } from './types';

const graphOf = (rows: number, cols: number) =>
  fc
    .array(fc.tuple(fc.nat({ max: rows - 1 }), fc.nat({ max: cols - 1 }), fc.integer({ min: -9, max: 9 })), {
      maxLength: 4 * Math.max(rows, cols),
    })
    .map((triples) =>
      buildCostGraph(
        rows,
        cols,
        Int32Array.from(triples, (t) => t[0]),
        Int32Array.from(triples, (t) => t[1]),
        Float64Array.from(triples, (t) => t[2]),
      ),
    );

const graphs = (square: boolean) =>
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([rows, cols]) =>
    graphOf(rows, square ? rows : cols),
  );

/** The invariant the augmenting-path search relies on: every assigned row sits on a cheapest reduced edge. */
function expectRowsOnCheapestEdges(state: AssignmentState, allowUnassigned: boolean): void {
  const { rowStart, col, cost, rows } = state.graph;
  for (let i = 0; i < rows; i++) {
    const own = state.rowEdge[i];
    if (own < 0) continue;
    expect(state.slotRow[state.rowSlot[i]]).toBe(i);
    const reduced = cost[own] - state.price[col[own]];
    if (allowUnassigned) expect(reduced).toBeLessThanOrEqual(0);
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) expect(reduced).toBeLessThanOrEqual(cost[e] - state.price[col[e]]);
  }
}

describe('initial assignments', () => {
  it('augmenting row reduction keeps rows on cheapest edges and free columns at price 0', () => {
    fc.assert(
      fc.property(graphs(false), fc.boolean(), (graph, allowUnassigned) => {
        const state = createAssignmentState(graph, new Int32Array(graph.cols).fill(1));
        const all = Int32Array.from({ length: graph.rows }, (_, i) => i);
        let pending: Int32Array;
        try {
          pending = reduceRowsWithUnitCapacities(state, all, allowUnassigned);
        } catch (error) {
          expect(error).toBeInstanceOf(InfeasibleAssignmentError);
          return;
        }
        expectRowsOnCheapestEdges(state, allowUnassigned);
        for (const i of pending) expect(state.rowEdge[i]).toBe(-1);
        for (let j = 0; j < graph.cols; j++) {
          if (state.freeSlots[j] > 0) expect(state.price[j]).toBe(0);
          else expect(state.price[j]).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('column reduction of a square problem keeps rows on cheapest edges', () => {
    fc.assert(
      fc.property(graphs(true), (graph) => {
        const state = createAssignmentState(graph, new Int32Array(graph.cols).fill(1));
        try {
          reduceColumns(state);
        } catch (error) {
          expect(error).toBeInstanceOf(InfeasibleAssignmentError);
          return;
        }
        expectRowsOnCheapestEdges(state, false);
      }),
      { numRuns: 500 },
    );
  });

  it('greedy start fills free slots only and respects capacities', () => {
    fc.assert(
      fc.property(graphs(false), fc.integer({ min: 0, max: 3 }), (graph, capacity) => {
        const state = createAssignmentState(graph, new Int32Array(graph.cols).fill(capacity));
        const pending = assignGreedily(state, true);
        expectRowsOnCheapestEdges(state, true);
        for (let j = 0; j < graph.cols; j++) {
          expect(state.freeSlots[j]).toBeGreaterThanOrEqual(0);
          expect(state.price[j]).toBe(0);
        }
        for (const i of pending) expect(state.rowEdge[i]).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });
});
