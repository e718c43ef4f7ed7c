import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedHeaps } from './top-k';

describe('BoundedHeaps', () => {
  it('keeps exactly the best entries of each row, as sorting would (property)', () => {
    const entry = fc.record({ row: fc.integer({ min: 0, max: 2 }), score: fc.integer({ min: 0, max: 5 }), tie: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }), (entries, limits) => {
        const heaps = new BoundedHeaps(Int32Array.from(limits));
        entries.forEach(({ row, score, tie }, partner) => heaps.offer(row, partner, score, tie));
        for (let row = 0; row < 3; row++) {
          const expected = entries
            .map((e, partner) => ({ ...e, partner }))
            .filter((e) => e.row === row)
            .sort((x, y) => y.score - x.score || x.tie - y.tie || x.partner - y.partner)
            .slice(0, limits[row]);
          const kept = heaps.sortedSlots(row).map((slot) => ({ score: heaps.scores[slot], tie: heaps.ties[slot] }));
          expect(kept).toEqual(expected.map(({ score, tie }) => ({ score, tie })));
        }
      }),
    );
  });

  it('can be reset to a smaller limit and reused', () => {
    const heaps = new BoundedHeaps(Int32Array.of(4));
    [3, 1, 4, 1, 5].forEach((score, partner) => heaps.offer(0, partner, score, partner));
    heaps.reset(0, 2);
    [2, 7, 1].forEach((score, partner) => heaps.offer(0, partner, score, partner));
    expect(heaps.sortedSlots(0).map((slot) => heaps.partners[slot])).toEqual([1, 0]);
    expect(heaps.start(0)).toBe(0);
  });
});
