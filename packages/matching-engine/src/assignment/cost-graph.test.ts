import { describe, expect, it } from 'vitest';
import { buildCostGraph } from './cost-graph';

describe('buildCostGraph', () => {
  const from = Int32Array.of(1, 0, 1, 1, 0);
  const to = Int32Array.of(2, 1, 0, 2, 1);
  const cost = Float64Array.of(5, 4, 3, 2, 4);

  it('groups edges by row in input order and keeps the cheapest of repeated pairs', () => {
    const graph = buildCostGraph(3, 3, from, to, cost);
    expect(Array.from(graph.rowStart)).toEqual([0, 1, 3, 3]);
    expect(Array.from(graph.col)).toEqual([1, 2, 0]);
    expect(Array.from(graph.cost)).toEqual([4, 2, 3]);
    // Ties keep the first occurrence; the source points back at the input edge.
    expect(Array.from(graph.source)).toEqual([1, 3, 2]);
  });

  it('drops edges the filter rejects', () => {
    const graph = buildCostGraph(3, 3, from, to, cost, (e) => cost[e] < 4);
    expect(Array.from(graph.rowStart)).toEqual([0, 0, 2, 2]);
    expect(Array.from(graph.col)).toEqual([0, 2]);
    expect(Array.from(graph.source)).toEqual([2, 3]);
  });
});
