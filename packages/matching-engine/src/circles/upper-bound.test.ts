import { describe, expect, it } from 'vitest';
import { planGroups } from './group-plan';
import { buildScoreGraph } from './score-graph';
import { circlesUpperBound } from './upper-bound';

/** Complete graph on n people with every score 1. */
function complete(n: number) {
  const neighbours = Array.from({ length: n }, (_, i) => Int32Array.from({ length: n }, (_, j) => j).filter((j) => j !== i));
  return buildScoreGraph(n, neighbours, neighbours.map((list) => new Float64Array(list.length).fill(1)));
}

describe('circlesUpperBound', () => {
  it('is exact on a complete graph with uniform scores', () => {
    // 8 people, k = 4: two groups; best mix is 5 + 3 (10 + 3 = 13 pairs) over 4 + 4 (12 pairs).
    expect(circlesUpperBound(complete(8), planGroups(8, 4))).toBe(13);
    // Fixed sizes: 12 people, k = 10 gives one group of 12 (66 pairs).
    expect(circlesUpperBound(complete(12), planGroups(12, 10))).toBe(66);
  });

  it('never exceeds the sum of all pair scores', () => {
    const graph = buildScoreGraph(6, [Int32Array.of(1), Int32Array.of(), Int32Array.of(), Int32Array.of(), Int32Array.of(), Int32Array.of()], [
      Float64Array.of(0.5),
      Float64Array.of(),
      Float64Array.of(),
      Float64Array.of(),
      Float64Array.of(),
      Float64Array.of(),
    ]);
    expect(circlesUpperBound(graph, planGroups(6, 3))).toBe(0.5);
  });

  it('is zero with nobody', () => {
    expect(circlesUpperBound(complete(0), planGroups(0, 4))).toBe(0);
  });
});
