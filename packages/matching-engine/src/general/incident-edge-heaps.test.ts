import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidentEdgeHeaps } from './incident-edge-heaps';

// A star-ish graph: vertex 0 meets edges 0..5, vertex 1 meets 6..8, vertex 2 meets none.
const adjStart = Int32Array.of(0, 6, 9, 9);
const owner = (edge: number): number => (edge < 6 ? 0 : 1);

describe('IncidentEdgeHeaps', () => {
  it('keeps each vertex heap in agreement with a model', () => {
    const op = fc.tuple(fc.constantFrom('insert', 'remove', 'clear'), fc.integer({ min: 0, max: 8 }), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const heaps = new IncidentEdgeHeaps(adjStart, 9);
        const model = new Map<number, number>();
        for (const [kind, edge, key] of ops) {
          const v = owner(edge);
          if (kind === 'insert' && !model.has(edge)) {
            heaps.insert(v, edge, key);
            model.set(edge, key);
          } else if (kind === 'remove' && model.has(edge)) {
            heaps.remove(v, edge);
            model.delete(edge);
          } else if (kind === 'clear') {
            heaps.clear(v);
            for (const e of [...model.keys()]) if (owner(e) === v) model.delete(e);
          }
          for (const vertex of [0, 1, 2]) {
            const mine = [...model].filter(([e]) => owner(e) === vertex && vertex < 2).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
            expect(heaps.isEmpty(vertex)).toBe(mine.length === 0);
            expect(heaps.minKey(vertex)).toBe(mine.length > 0 ? mine[0][1] : Infinity);
            if (mine.length > 0) expect(heaps.minEdge(vertex)).toBe(mine[0][0]);
          }
          for (let e = 0; e < 9; e++) expect(heaps.has(e)).toBe(model.has(e));
        }
      }),
    );
  });
});
