import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedMinHeap } from './keyed-min-heap';

describe('KeyedMinHeap', () => {
  it('agrees with a plain map under random set / remove', () => {
    const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 15 }), fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const heap = new KeyedMinHeap(16);
        const model = new Map<number, number>();
        for (const [insert, item, key] of ops) {
          if (insert) {
            heap.set(item, key);
            model.set(item, key);
          } else {
            heap.remove(item);
            model.delete(item);
          }
          expect(heap.size).toBe(model.size);
          for (let i = 0; i < 16; i++) expect(heap.has(i)).toBe(model.has(i));
          const least = [...model].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0];
          expect(heap.minKey()).toBe(least ? least[1] : Infinity);
          if (least) {
            expect(heap.minItem()).toBe(least[0]);
            expect(heap.keyOf(least[0])).toBe(least[1]);
          }
        }
      }),
    );
  });
});
