import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStableRoommates, stableRoommates } from './stable-roommates';

type Prefs = number[][];

/**
 * Random roommates instances: each person lists each other person with some probability (so lists
 * are incomplete and may be one-sided), in a random order.
 */
const roommatesInstance = (maxPeople: number, listProbability: number): fc.Arbitrary<Prefs> =>
  fc.integer({ min: 0, max: maxPeople }).chain((n) =>
    fc
      .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()), { minLength: n * n, maxLength: n * n })
      .map((cells) =>
        Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => j)
            .filter((j) => j !== i && cells[i * n + j][0] < listProbability)
            .sort((a, b) => cells[i * n + a][1] - cells[i * n + b][1] || a - b),
        ),
      ),
  );

const acceptable = (prefs: Prefs, x: number, y: number): boolean => prefs[x].includes(y) && prefs[y].includes(x);

/** Prefers y to its current mate (-1 = unmatched). */
const prefers = (prefs: Prefs, x: number, y: number, current: number): boolean =>
  current === -1 || prefs[x].indexOf(y) < prefs[x].indexOf(current);

function bruteForceStable(prefs: Prefs, mate: number[]): boolean {
  const n = prefs.length;
  for (let x = 0; x < n; x++) {
    for (let y = x + 1; y < n; y++) {
      if (mate[x] === y || !acceptable(prefs, x, y)) continue;
      if (prefers(prefs, x, y, mate[x]) && prefers(prefs, y, x, mate[y])) return false;
    }
  }
  return true;
}

/** Every stable matching, by enumerating all matchings over mutually acceptable pairs. */
function allStableMatchings(prefs: Prefs): number[][] {
  const n = prefs.length;
  const mate = new Array<number>(n).fill(-1);
  const found: number[][] = [];
  const extend = (x: number): void => {
    if (x === n) {
      if (bruteForceStable(prefs, mate)) found.push([...mate]);
      return;
    }
    if (mate[x] !== -1) return extend(x + 1);
    extend(x + 1);
    for (let y = x + 1; y < n; y++) {
      if (mate[y] !== -1 || !acceptable(prefs, x, y)) continue;
      mate[x] = y;
      mate[y] = x;
      extend(x + 1);
      mate[x] = -1;
      mate[y] = -1;
    }
  };
  extend(0);
  return found;
}

describe('stableRoommates', () => {
  it('agrees with brute force on small random instances (complete and incomplete lists)', () => {
    for (const listProbability of [1, 0.7, 0.4]) {
      fc.assert(
        fc.property(roommatesInstance(8, listProbability), (prefs) => {
          const stable = allStableMatchings(prefs);
          const result = stableRoommates(prefs);
          expect(result.stable).toBe(stable.length > 0);
          if (result.stable) {
            const mate = Array.from(result.mate);
            expect(stable).toContainEqual(mate);
            expect(isStableRoommates(prefs, result.mate)).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    }
  });

  it('solves Irving (1985)\u2019s six-person example', () => {
    // A..F = 0..5
    const prefs = [
      [3, 5, 1, 4, 2],
      [5, 2, 4, 0, 3],
      [3, 4, 0, 5, 1],
      [1, 5, 4, 0, 2],
      [3, 1, 2, 5, 0],
      [4, 0, 3, 1, 2],
    ];
    expect(stableRoommates(prefs)).toEqual({ stable: true, mate: Int32Array.from([5, 2, 1, 4, 3, 0]) });
  });

  it('reports the classic four-person instance as having no stable matching', () => {
    const result = stableRoommates([
      [1, 2, 3],
      [2, 0, 3],
      [0, 1, 3],
      [0, 1, 2],
    ]);
    expect(result.stable).toBe(false);
    if (!result.stable) expect(result.reason).toMatch(/no stable matching/);
  });

  it('leaves people without mutually acceptable partners unmatched', () => {
    expect(stableRoommates([])).toEqual({ stable: true, mate: new Int32Array(0) });
    expect(stableRoommates([[1], [], [0]])).toEqual({ stable: true, mate: Int32Array.from([-1, -1, -1]) });
  });

  it('rejects invalid ids, repeats and self-listing', () => {
    expect(() => stableRoommates([[1], [2]])).toThrow(RangeError);
    expect(() => stableRoommates([[1, 1], [0]])).toThrow(/more than once/);
    expect(() => stableRoommates([[0], []])).toThrow(/itself/);
    expect(() => stableRoommates([[0.5], []])).toThrow(RangeError);
  });
});

describe('isStableRoommates', () => {
  const prefs = [
    [1, 2],
    [0, 2],
    [0, 1],
  ];

  it('accepts a stable matching and rejects a blocking pair', () => {
    expect(isStableRoommates(prefs, Int32Array.from([1, 0, -1]))).toBe(true);
    expect(isStableRoommates(prefs, Int32Array.from([2, -1, 0]))).toBe(false);
    expect(isStableRoommates(prefs, Int32Array.from([-1, -1, -1]))).toBe(false);
  });

  it('rejects malformed matchings', () => {
    expect(isStableRoommates(prefs, Int32Array.from([1, 0]))).toBe(false);
    expect(isStableRoommates(prefs, Int32Array.from([1, 2, -1]))).toBe(false);
    expect(isStableRoommates([[1], [], []], Int32Array.from([1, 0, -1]))).toBe(false);
    expect(isStableRoommates(prefs, Int32Array.from([7, -1, -1]))).toBe(false);
  });

  it('agrees with a direct blocking-pair check on random matchings', () => {
    fc.assert(
      fc.property(roommatesInstance(7, 0.7), fc.array(fc.nat(), { maxLength: 7 }), (prefs, picks) => {
        // Build a random valid matching from mutually acceptable pairs.
        const n = prefs.length;
        const mate = new Array<number>(n).fill(-1);
        picks.forEach((pick, x) => {
          if (x >= n || mate[x] !== -1) return;
          const options = prefs[x].filter((y) => mate[y] === -1 && acceptable(prefs, x, y));
          if (options.length === 0) return;
          const y = options[pick % options.length];
          mate[x] = y;
          mate[y] = x;
        });
        expect(isStableRoommates(prefs, Int32Array.from(mate))).toBe(bruteForceStable(prefs, mate));
      }),
      { numRuns: 300 },
    );
  });
});
