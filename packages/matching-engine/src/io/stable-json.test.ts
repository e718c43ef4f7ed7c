import { describe, expect, it } from 'vitest';
import { solveStableJson, StableJsonError } from './stable-json';

describe('solveStableJson', () => {
  it('solves stable marriage (men propose)', () => {
    const answer = solveStableJson({
      kind: 'stable-marriage',
      menPrefs: [
        [0, 1, 2],
        [0, 2, 1],
        [2, 0, 1],
      ],
      womenPrefs: [
        [1, 2, 0],
        [0, 2, 1],
        [2, 1, 0],
      ],
    });
    expect(answer).toEqual({ kind: 'stable-marriage', stable: true, manToWoman: [1, 0, 2], womanToMan: [1, 0, 2] });
  });

  it('solves hospitals/residents and lists each hospital in its own order', () => {
    // The matching library's README example: residents A S D J L, hospitals M C G.
    const answer = solveStableJson({
      kind: 'hospitals-residents',
      residentPrefs: [[1], [1, 0], [1, 0, 2], [1, 2, 0], [0, 1, 2]],
      hospitalPrefs: [
        [2, 4, 1, 3],
        [2, 0, 1, 4, 3],
        [2, 3, 4],
      ],
      capacities: [2, 2, 2],
    });
    expect(answer).toEqual({
      kind: 'hospitals-residents',
      stable: true,
      residentToHospital: [1, 0, 1, 2, 0],
      hospitalResidents: [[4, 1], [2, 0], [3]],
    });
  });

  it('solves stable roommates and reports instances without a stable matching', () => {
    expect(solveStableJson({ kind: 'stable-roommates', prefs: [[1, 2], [0], [0]] })).toEqual({
      kind: 'stable-roommates',
      stable: true,
      mate: [1, 0, -1],
    });
    const none = solveStableJson({
      kind: 'stable-roommates',
      prefs: [
        [1, 2, 3],
        [2, 0, 3],
        [0, 1, 3],
        [0, 1, 2],
      ],
    });
    expect(none).toMatchObject({ kind: 'stable-roommates', stable: false, reason: expect.stringMatching(/no stable matching/) });
  });

  it.each([
    [null, /document: expected a JSON object/],
    [[], /document/],
    [{ kind: 'assignment' }, /kind: expected one of/],
    [{ kind: 'stable-roommates', prefs: [[1]], extra: 1 }, /extra: unknown field/],
    [{ kind: 'stable-roommates' }, /prefs: expected an array/],
    [{ kind: 'stable-roommates', prefs: [[1], 'x'] }, /prefs\[1\]: expected an array/],
    [{ kind: 'stable-roommates', prefs: [[1], [0, 2]] }, /prefs\[1\]\[1\]: expected a person id in 0\.\.1, got 2/],
    [{ kind: 'stable-roommates', prefs: [[1, 1], [0]] }, /prefs\[0\]\[1\]: person 1 is listed twice/],
    [{ kind: 'stable-roommates', prefs: [[0], []] }, /prefs\[0\]: person 0 lists themselves/],
    [{ kind: 'stable-marriage', menPrefs: [[0.5]], womenPrefs: [[0]] }, /menPrefs\[0\]\[0\]: expected a woman id/],
    [
      { kind: 'hospitals-residents', residentPrefs: [[0]], hospitalPrefs: [[0]], capacities: [] },
      /capacities: expected 1 entries/,
    ],
    [
      { kind: 'hospitals-residents', residentPrefs: [[0]], hospitalPrefs: [[0]], capacities: [-2] },
      /capacities\[0\]: expected a non-negative integer/,
    ],
  ])('rejects %j with a clear error', (doc, message) => {
    expect(() => solveStableJson(doc)).toThrow(StableJsonError);
    expect(() => solveStableJson(doc)).toThrow(message);
  });
});
