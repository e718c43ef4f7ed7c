import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
  it('pops keys in ascending order, growing past its initial capacity', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true })), (keys) => {
        const heap = new MinHeap(1);
        keys.forEach((key, node) => heap.push(key, node));
        const popped: number[] = [];
        while (heap.size > 0) {
          expect(keys[heap.peekNode()]).toBe(heap.peekKey());
          popped.push(heap.peekKey());
          heap.pop();
        }
        expect(popped).toEqual([...keys].sort((a, b) => a - b));
      }),
    );
  });

  it('is empty after clear', () => {
    const heap = new MinHeap(4);
    heap.push(3, 0);
    heap.push(1, 1);
    heap.clear();
    expect(heap.size).toBe(0);
    heap.push(2, 5);
    expect(heap.peekNode()).toBe(5);
  });
});
