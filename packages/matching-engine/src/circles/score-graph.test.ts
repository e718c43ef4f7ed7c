import { describe, expect, it } from 'vitest';
import { buildScoreGraph } from './score-graph';

const ints = (...values: number[]) => Int32Array.from(values);
const floats = (...values: number[]) => Float64Array.from(values);

describe('buildScoreGraph', () => {
  it('symmetrises, keeps the larger of two listings, drops zeros and sorts best first', () => {
    const graph = buildScoreGraph(
      3,
      [ints(1, 2), ints(0), ints(0, 1)],
      [floats(0.2, 0.5), floats(0.4), floats(0.3, 0)],
    );
    expect(Array.from(graph.offsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(graph.targets)).toEqual([2, 1, 0, 0]);
    expect(Array.from(graph.scores)).toEqual([0.5, 0.4, 0.4, 0.5]);
  });

  it('rejects malformed candidate lists', () => {
    expect(() => buildScoreGraph(2, [ints(1)], [floats(0.5)])).toThrow(/need 2 lists/);
    expect(() => buildScoreGraph(2, [ints(1), ints()], [floats(), floats()])).toThrow(/scores\[0\] has 0 values/);
    expect(() => buildScoreGraph(2, [ints(2), ints()], [floats(0.5), floats()])).toThrow(/neighbours\[0\]\[0\]/);
    expect(() => buildScoreGraph(2, [ints(0), ints()], [floats(0.5), floats()])).toThrow(/neighbours\[0\]\[0\]/);
    expect(() => buildScoreGraph(2, [ints(1), ints()], [floats(1.5), floats()])).toThrow(/outside \[0, 1\]/);
    expect(() => buildScoreGraph(2, [ints(1), ints()], [floats(Number.NaN), floats()])).toThrow(/outside \[0, 1\]/);
  });
});
