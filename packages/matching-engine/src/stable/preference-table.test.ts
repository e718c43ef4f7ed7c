import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packPreferences, reciprocalRanks } from './preference-table';

describe('packPreferences', () => {
  it('packs lists into offsets and targets', () => {
    const table = packPreferences([[2, 0], [], [1]], 3, 'p');
    expect(Array.from(table.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(table.targets)).toEqual([2, 0, 1]);
  });

  it('names the offending list', () => {
    expect(() => packPreferences([[0], [3]], 3, 'p')).toThrow('p[1][0] = 3 is not an id in 0..2');
    expect(() => packPreferences([[1, 1]], 3, 'p')).toThrow('p[0] lists 1 more than once');
    expect(() => packPreferences([[0]], 3, 'p', true)).toThrow('p[0] lists 0 itself');
  });
});

describe('reciprocalRanks', () => {
  it('equals a direct indexOf lookup', () => {
    const side = (owners: number, targets: number) =>
      fc.array(fc.uniqueArray(fc.integer({ min: 0, max: targets - 1 }), { maxLength: targets }), {
        minLength: owners,
        maxLength: owners,
      });
    fc.assert(
      fc.property(
        fc.record({ a: fc.integer({ min: 1, max: 6 }), b: fc.integer({ min: 1, max: 6 }) }).chain(({ a, b }) => fc.tuple(side(a, b), side(b, a))),
        ([fromPrefs, toPrefs]) => {
          const from = packPreferences(fromPrefs, toPrefs.length, 'from');
          const to = packPreferences(toPrefs, fromPrefs.length, 'to');
          const expected = fromPrefs.flatMap((list, i) => list.map((j) => toPrefs[j].indexOf(i)));
          expect(Array.from(reciprocalRanks(from, to))).toEqual(expected);
        },
      ),
    );
  });
});
