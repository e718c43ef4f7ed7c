import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hospitalsResidents, isStableHR, type HospitalsResidentsInput } from './hospitals-residents';

interface Instance {
  residentPrefs: number[][];
  hospitalPrefs: number[][];
  capacities: number[];
}

/** Random lists over a random subset (one-sided listings included), random capacities 0..3. */
const hrInstance: fc.Arbitrary<Instance> = fc
  .record({ residents: fc.integer({ min: 0, max: 6 }), hospitals: fc.integer({ min: 0, max: 3 }) })
  .chain(({ residents, hospitals }) =>
    fc.record({
      residentKeys: fc.array(fc.array(fc.option(fc.nat(), { freq: 4 }), { minLength: hospitals, maxLength: hospitals }), {
        minLength: residents,
        maxLength: residents,
      }),
      hospitalKeys: fc.array(fc.array(fc.option(fc.nat(), { freq: 4 }), { minLength: residents, maxLength: residents }), {
        minLength: hospitals,
        maxLength: hospitals,
      }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: hospitals, maxLength: hospitals }),
    }),
  )
  .map(({ residentKeys, hospitalKeys, capacities }) => ({
    residentPrefs: residentKeys.map(orderByKey),
    hospitalPrefs: hospitalKeys.map(orderByKey),
    capacities,
  }));

/** Ids whose key is present, sorted by key (ties by id). */
function orderByKey(keys: (number | null)[]): number[] {
  return keys
    .map((key, id) => ({ key, id }))
    .filter((entry): entry is { key: number; id: number } => entry.key !== null)
    .sort((a, b) => a.key - b.key || a.id - b.id)
    .map((entry) => entry.id);
}

/** Rank of `id` in `list`, with "absent" and "unmatched" ranked below everything. */
const rankIn = (list: number[], id: number): number => (id === -1 || !list.includes(id) ? Infinity : list.indexOf(id));

function bruteForceStable(inst: Instance, assignment: number[]): boolean {
  for (let r = 0; r < assignment.length; r++) {
    for (const h of inst.residentPrefs[r]) {
      if (!inst.hospitalPrefs[h].includes(r) || h === assignment[r]) continue;
      if (rankIn(inst.residentPrefs[r], h) >= rankIn(inst.residentPrefs[r], assignment[r])) continue;
      const members = assignment.flatMap((hh, rr) => (hh === h ? [rr] : []));
      const worst = Math.max(...members.map((rr) => rankIn(inst.hospitalPrefs[h], rr)));
      if (members.length < inst.capacities[h] || rankIn(inst.hospitalPrefs[h], r) < worst) return false;
    }
  }
  return true;
}

/** Every stable matching: each resident gets a mutually acceptable hospital or none, within capacity. */
function allStableMatchings(inst: Instance): number[][] {
  const residents = inst.residentPrefs.length;
  const load = new Array<number>(inst.capacities.length).fill(0);
  const assignment = new Array<number>(residents).fill(-1);
  const found: number[][] = [];
  const extend = (r: number): void => {
    if (r === residents) {
      if (bruteForceStable(inst, assignment)) found.push([...assignment]);
      return;
    }
    assignment[r] = -1;
    extend(r + 1);
    for (const h of inst.residentPrefs[r]) {
      if (!inst.hospitalPrefs[h].includes(r) || load[h] >= inst.capacities[h]) continue;
      load[h]++;
      assignment[r] = h;
      extend(r + 1);
      load[h]--;
    }
    assignment[r] = -1;
  };
  extend(0);
  return found;
}

describe('hospitalsResidents', () => {
  it('returns the resident-optimal stable matching (brute force on small instances)', () => {
    fc.assert(
      fc.property(hrInstance, (inst) => {
        const result = Array.from(hospitalsResidents(inst).residentToHospital);
        const stable = allStableMatchings(inst);
        expect(stable).toContainEqual(result);
        for (const other of stable) {
          result.forEach((h, r) => {
            expect(rankIn(inst.residentPrefs[r], h)).toBeLessThanOrEqual(rankIn(inst.residentPrefs[r], other[r]));
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('solves stable marriage as capacity 1 (suitor-optimal answer)', () => {
    // A, B, C = 0..2 propose to D, E, F = 0..2
    const result = hospitalsResidents({
      residentPrefs: [
        [0, 1, 2],
        [0, 2, 1],
        [2, 0, 1],
      ],
      hospitalPrefs: [
        [1, 2, 0],
        [0, 2, 1],
        [2, 1, 0],
      ],
      capacities: [1, 1, 1],
    });
    expect(Array.from(result.residentToHospital)).toEqual([1, 0, 2]);
  });

  it('ignores one-sided listings and zero capacities', () => {
    const result = hospitalsResidents({ residentPrefs: [[0, 1], [1]], hospitalPrefs: [[1], [0, 1]], capacities: [1, 0] });
    expect(Array.from(result.residentToHospital)).toEqual([-1, -1]);
  });

  it('rejects malformed input', () => {
    const base = { residentPrefs: [[0]], hospitalPrefs: [[0]], capacities: [1] };
    expect(() => hospitalsResidents({ ...base, capacities: [] })).toThrow(/capacities/);
    expect(() => hospitalsResidents({ ...base, capacities: [-1] })).toThrow(/capacities\[0\]/);
    expect(() => hospitalsResidents({ ...base, residentPrefs: [[1]] })).toThrow(/residentPrefs\[0\]\[0\]/);
    expect(() => hospitalsResidents({ ...base, hospitalPrefs: [[0, 0]] })).toThrow(/more than once/);
  });
});

describe('isStableHR', () => {
  const inst: HospitalsResidentsInput = {
    residentPrefs: [[0, 1], [0], [1]],
    hospitalPrefs: [
      [1, 0],
      [0, 2],
    ],
    capacities: [1, 1],
  };

  it('accepts the stable matching and rejects blocking pairs, bad pairs and overload', () => {
    expect(isStableHR(inst, Int32Array.from([1, 0, -1]))).toBe(true);
    expect(isStableHR(inst, Int32Array.from([0, -1, 1]))).toBe(false); // 1 and hospital 0 block
    expect(isStableHR(inst, Int32Array.from([-1, 0, 1]))).toBe(false); // 0 and hospital 1 block
    expect(isStableHR(inst, Int32Array.from([1, 1, -1]))).toBe(false); // resident 1 does not list hospital 1
    expect(isStableHR({ ...inst, capacities: [1, 1] }, Int32Array.from([0, 0, -1]))).toBe(false); // over capacity
    expect(isStableHR(inst, Int32Array.from([1, 0]))).toBe(false);
    expect(isStableHR(inst, Int32Array.from([5, 0, -1]))).toBe(false);
  });

  it('agrees with a direct blocking-pair check on random assignments', () => {
    fc.assert(
      fc.property(hrInstance, fc.array(fc.nat(), { maxLength: 6 }), (inst, picks) => {
        const load = new Array<number>(inst.capacities.length).fill(0);
        const assignment = inst.residentPrefs.map((list, r) => {
          const options = list.filter((h) => inst.hospitalPrefs[h].includes(r) && load[h] < inst.capacities[h]);
          const pick = picks[r] ?? 0;
          if (options.length === 0 || pick % (options.length + 1) === options.length) return -1;
          const h = options[pick % (options.length + 1)];
          load[h]++;
          return h;
        });
        expect(isStableHR(inst, Int32Array.from(assignment))).toBe(bruteForceStable(inst, assignment));
      }),
      { numRuns: 500 },
    );
  });
});
