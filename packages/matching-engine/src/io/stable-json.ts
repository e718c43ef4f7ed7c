/**
 * JSON front end of the stable-matching solvers (the CLI's stable kinds). Ids are 0-based indexes
 * into the other side's array; every list is best first; a pair is acceptable only when both sides
 * list each other; lists may be incomplete.
 *
 * Input kinds and their answers:
 *
 *   { "kind": "stable-marriage", "menPrefs": [[w, ...], ...], "womenPrefs": [[m, ...], ...] }
 *     Men propose, so the answer is the men-optimal stable matching.
 *     → { "kind", "stable", "manToWoman": [w | -1, ...], "womanToMan": [m | -1, ...] }
 *
 *   { "kind": "hospitals-residents", "residentPrefs": [[h, ...], ...], "hospitalPrefs": [[r, ...], ...],
 *     "capacities": [c, ...] }
 *     capacities[h] is a non-negative integer. Residents (mentees) propose: resident-optimal.
 *     → { "kind", "stable", "residentToHospital": [h | -1, ...], "hospitalResidents": [[r, ...], ...] }
 *       (each hospital's residents in that hospital's order of preference)
 *
 *   { "kind": "stable-roommates", "prefs": [[j, ...], ...] }
 *     Nobody may list themselves. Irving's algorithm.
 *     → { "kind", "stable": true, "mate": [j | -1, ...] }  or  { "kind", "stable": false, "reason": "..." }
 *
 * "stable" is the verdict of an independent blocking-pair check of the answer. Unmatched is -1.
 * Invalid documents (unknown kind or field, wrong shape, id out of range, repeated id) throw
 * StableJsonError with the JSON path of the first problem.
 */
import { hospitalsResidents, isStableHR, isStableRoommates, stableRoommates } from '../stable';

export class StableJsonError extends Error {
  override readonly name = 'StableJsonError';
}

export interface StableMarriageAnswer {
  kind: 'stable-marriage';
  stable: boolean;
  manToWoman: number[];
  womanToMan: number[];
}

export interface HospitalsResidentsAnswer {
  kind: 'hospitals-residents';
  stable: boolean;
  residentToHospital: number[];
  hospitalResidents: number[][];
}

export type StableRoommatesAnswer =
  | { kind: 'stable-roommates'; stable: boolean; mate: number[] }
  | { kind: 'stable-roommates'; stable: false; reason: string };

export type StableJsonAnswer = StableMarriageAnswer | HospitalsResidentsAnswer | StableRoommatesAnswer;

const FIELDS = {
  'stable-marriage': ['menPrefs', 'womenPrefs'],
  'hospitals-residents': ['residentPrefs', 'hospitalPrefs', 'capacities'],
  'stable-roommates': ['prefs'],
} as const;

type Kind = keyof typeof FIELDS;

export function solveStableJson(doc: unknown): StableJsonAnswer {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new StableJsonError('document: expected a JSON object');
  }
  const record = doc as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) {
    throw new StableJsonError(`kind: expected one of ${Object.keys(FIELDS).join(', ')}, got ${JSON.stringify(kind)}`);
  }
  const allowed = new Set<string>(['kind', ...FIELDS[kind as Kind]]);
  for (const key of Object.keys(record)) {
    if (!allowed.has(key)) throw new StableJsonError(`${key}: unknown field for kind ${kind}`);
  }
  switch (kind as Kind) {
    case 'stable-marriage':
      return solveMarriage(record);
    case 'hospitals-residents':
      return solveHospitalsResidents(record);
    case 'stable-roommates':
      return solveRoommates(record);
  }
}

function solveMarriage(record: Record<string, unknown>): StableMarriageAnswer {
  const menCount = arrayLength(record.menPrefs, 'menPrefs');
  const womenCount = arrayLength(record.womenPrefs, 'womenPrefs');
  const menPrefs = readPrefs(record.menPrefs, 'menPrefs', womenCount, 'woman');
  const womenPrefs = readPrefs(record.womenPrefs, 'womenPrefs', menCount, 'man');
  const input = { residentPrefs: menPrefs, hospitalPrefs: womenPrefs, capacities: new Array<number>(womenCount).fill(1) };
  const { residentToHospital } = hospitalsResidents(input);
  const womanToMan = new Array<number>(womenCount).fill(-1);
  residentToHospital.forEach((w, m) => {
    if (w >= 0) womanToMan[w] = m;
  });
  return {
    kind: 'stable-marriage',
    stable: isStableHR(input, residentToHospital),
    manToWoman: Array.from(residentToHospital),
    womanToMan,
  };
}

function solveHospitalsResidents(record: Record<string, unknown>): HospitalsResidentsAnswer {
  const residentCount = arrayLength(record.residentPrefs, 'residentPrefs');
  const hospitalCount = arrayLength(record.hospitalPrefs, 'hospitalPrefs');
  const residentPrefs = readPrefs(record.residentPrefs, 'residentPrefs', hospitalCount, 'hospital');
  const hospitalPrefs = readPrefs(record.hospitalPrefs, 'hospitalPrefs', residentCount, 'resident');
  const capacities = readCapacities(record.capacities, hospitalCount);
  const input = { residentPrefs, hospitalPrefs, capacities };
  const { residentToHospital } = hospitalsResidents(input);
  const hospitalResidents = hospitalPrefs.map((list, h) => list.filter((r) => residentToHospital[r] === h));
  return {
    kind: 'hospitals-residents',
    stable: isStableHR(input, residentToHospital),
    residentToHospital: Array.from(residentToHospital),
    hospitalResidents,
  };
}

function solveRoommates(record: Record<string, unknown>): StableRoommatesAnswer {
  const count = arrayLength(record.prefs, 'prefs');
  const prefs = readPrefs(record.prefs, 'prefs', count, 'person');
  prefs.forEach((list, i) => {
    if (list.includes(i)) throw new StableJsonError(`prefs[${i}]: person ${i} lists themselves`);
  });
  const result = stableRoommates(prefs);
  if (!result.stable) return { kind: 'stable-roommates', stable: false, reason: result.reason };
  // The checker's verdict, like the other kinds; it is true whenever the solver is right.
  return { kind: 'stable-roommates', stable: isStableRoommates(prefs, result.mate), mate: Array.from(result.mate) };
}

function arrayLength(value: unknown, path: string): number {
  if (!Array.isArray(value)) throw new StableJsonError(`${path}: expected an array`);
  return value.length;
}

/** An array of lists of distinct integer ids in 0..idCount-1. */
function readPrefs(value: unknown, path: string, idCount: number, idName: string): number[][] {
  return (value as unknown[]).map((list, i) => {
    if (!Array.isArray(list)) throw new StableJsonError(`${path}[${i}]: expected an array of ${idName} ids`);
    const seen = new Set<number>();
    return list.map((id: unknown, p) => {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= idCount) {
        throw new StableJsonError(`${path}[${i}][${p}]: expected a ${idName} id in 0..${idCount - 1}, got ${JSON.stringify(id)}`);
      }
      if (seen.has(id)) throw new StableJsonError(`${path}[${i}][${p}]: ${idName} ${id} is listed twice`);
      seen.add(id);
      return id;
    });
  });
}

function readCapacities(value: unknown, hospitalCount: number): number[] {
  if (arrayLength(value, 'capacities') !== hospitalCount) {
    throw new StableJsonError(`capacities: expected ${hospitalCount} entries (one per hospital)`);
  }
  return (value as unknown[]).map((c, h) => {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
      throw new StableJsonError(`capacities[${h}]: expected a non-negative integer, got ${JSON.stringify(c)}`);
    }
    return c;
  });
}
