import { describe, expect, it } from 'vitest';
import { buildSimpleGraph } from './simple-graph';

const edges = (list: [number, number, number][]) => ({
  u: Int32Array.from(list, (e) => e[0]),
  v: Int32Array.from(list, (e) => e[1]),
  w: Float64Array.from(list, (e) => e[2]),
});

describe('buildSimpleGraph', () => {
  it('drops self-loops and filtered weights, keeps the heaviest parallel edge, lists incident edges', () => {
    const graph = buildSimpleGraph(
      4,
      edges([
        [0, 1, 3],
        [2, 2, 9],
        [1, 0, 7],
        [1, 2, -1],
        [3, 1, 7],
        [0, 1, 7],
      ]),
      (w) => w > 0,
    );
    expect(Array.from(graph.from)).toEqual([1, 3]);
    expect(Array.from(graph.to)).toEqual([0, 1]);
    expect(Array.from(graph.weight)).toEqual([7, 7]);
    expect(Array.from(graph.adjStart)).toEqual([0, 1, 3, 3, 4]);
    expect(Array.from(graph.adjEdge)).toEqual([0, 0, 1, 1]);
    expect(Array.from(graph.adjOther)).toEqual([1, 0, 3, 1]);
  });

  it('rejects bad input', () => {
    expect(() => buildSimpleGraph(1.5, edges([]), () => true)).toThrow(RangeError);
    expect(() => buildSimpleGraph(2, { u: Int32Array.of(0), v: Int32Array.of(), w: Float64Array.of(1) }, () => true)).toThrow(/differ in length/);
    expect(() => buildSimpleGraph(2, edges([[0, -1, 1]]), () => true)).toThrow(/outside/);
    expect(() => buildSimpleGraph(2, edges([[0, 1, Infinity]]), () => true)).toThrow(/non-finite/);
  });
});
