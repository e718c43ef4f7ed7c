import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcatenableQueues } from './concatenable-queues';

const N = 12;

describe('ConcatenableQueues', () => {
  it('tracks membership, order-preserving merges, their undoing, and minima', () => {
    // Each step: merge some current queues, split a merged queue, or change a priority.
    const step = fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: -9, max: 9 }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const queues = new ConcatenableQueues(N, 2 * N);
        const contents = new Map<number, number[]>(Array.from({ length: N }, (_, v) => [v, [v]]));
        const parts = new Map<number, number[]>();
        const priority = new Float64Array(N).fill(Infinity);
        const freeIds = Array.from({ length: N }, (_, i) => 2 * N - 1 - i);
        for (const [a, b, vertex, value] of steps) {
          const live = [...contents.keys()];
          if (a % 3 === 0 && live.length >= 3) {
            const count = 3 + (b % (live.length - 2));
            const chosen = live.slice(a % live.length).concat(live.slice(0, a % live.length)).slice(0, count);
            const id = freeIds.pop() as number;
            queues.merge(id, chosen);
            contents.set(id, chosen.flatMap((q) => contents.get(q) as number[]));
            for (const q of chosen) contents.delete(q);
            parts.set(id, chosen);
          } else if (a % 3 === 1) {
            const merged = live.filter((q) => parts.has(q));
            if (merged.length === 0) continue;
            const id = merged[b % merged.length];
            const chosen = parts.get(id) as number[];
            queues.split(id, chosen);
            let at = 0;
            const all = contents.get(id) as number[];
            for (const q of chosen) {
              const size = sizeOf(q, parts);
              contents.set(q, all.slice(at, at + size));
              at += size;
            }
            contents.delete(id);
            parts.delete(id);
            freeIds.push(id);
          } else {
            queues.setPriority(vertex, value);
            priority[vertex] = value;
          }
          for (const [q, vertices] of contents) {
            for (const v of vertices) expect(queues.find(v)).toBe(q);
            const least = Math.min(...vertices.map((v) => priority[v]));
            expect(queues.minPriority(q)).toBe(least);
            expect(priority[queues.minVertex(q)]).toBe(least);
            const out = new Int32Array(N);
            expect([...out.subarray(0, queues.collect(q, out, 0))].sort((x, y) => x - y)).toEqual([...vertices].sort((x, y) => x - y));
          }
          for (let v = 0; v < N; v++) expect(queues.priorityOf(v)).toBe(priority[v]);
        }
      }),
    );
  });
});

/** Number of vertices a queue held when merged into its parent. */
function sizeOf(q: number, parts: Map<number, number[]>): number {
  const inner = parts.get(q);
  return inner ? inner.reduce((sum, p) => sum + sizeOf(p, parts), 0) : 1;
}
