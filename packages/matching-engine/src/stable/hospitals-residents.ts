import { packPreferences, reciprocalRanks, type PreferenceTable } from './preference-table';

/**
 * Hospitals/residents instance (mentees are residents, mentors are hospitals). Ids are 0-based;
 * lists are best first. A pair is acceptable only when each side lists the other. Stable marriage is
 * the case where every capacity is 1.
 */
export interface HospitalsResidentsInput {
  readonly residentPrefs: readonly (readonly number[])[];
  readonly hospitalPrefs: readonly (readonly number[])[];
  readonly capacities: readonly number[];
}

export interface HospitalsResidentsResult {
  /** Hospital of each resident, -1 when unmatched. */
  readonly residentToHospital: Int32Array;
}

/** The instance packed once for both solving and checking. */
interface PackedInstance {
  readonly residents: PreferenceTable;
  readonly hospitals: PreferenceTable;
  /** Per resident entry: rank of that resident in the hospital's list, -1 if the hospital does not list them. */
  readonly hospitalRank: Int32Array;
  readonly capacities: Int32Array;
}

function packInstance(input: HospitalsResidentsInput): PackedInstance {
  const residentCount = input.residentPrefs.length;
  const hospitalCount = input.hospitalPrefs.length;
  if (input.capacities.length !== hospitalCount) {
    throw new RangeError(`capacities has ${input.capacities.length} entries for ${hospitalCount} hospitals`);
  }
  const capacities = new Int32Array(hospitalCount);
  for (let h = 0; h < hospitalCount; h++) {
    const c = input.capacities[h];
    if (!Number.isInteger(c) || c < 0) throw new RangeError(`capacities[${h}] = ${c} is not a non-negative integer`);
    // A hospital never holds more residents than it lists, which also bounds the heap storage.
    capacities[h] = Math.min(c, input.hospitalPrefs[h].length);
  }
  const residents = packPreferences(input.residentPrefs, hospitalCount, 'residentPrefs');
  const hospitals = packPreferences(input.hospitalPrefs, residentCount, 'hospitalPrefs');
  return { residents, hospitals, hospitalRank: reciprocalRanks(residents, hospitals), capacities };
}

/**
 * Resident-proposing deferred acceptance (Gale–Shapley with capacities). The result is the
 * resident-optimal stable matching, which is unique, so the proposal order does not matter.
 * Each hospital keeps its accepted residents in a max-heap of their ranks so that the worst one is
 * found and replaced in O(log capacity). Time O(total list length · log max capacity).
 */
export function hospitalsResidents(input: HospitalsResidentsInput): HospitalsResidentsResult {
  const { residents, hospitals, hospitalRank, capacities } = packInstance(input);
  const residentCount = residents.offsets.length - 1;
  const hospitalCount = capacities.length;

  const heapStart = new Int32Array(hospitalCount + 1);
  for (let h = 0; h < hospitalCount; h++) heapStart[h + 1] = heapStart[h] + capacities[h];
  const heapRanks = new Int32Array(heapStart[hospitalCount]);
  const heapSize = new Int32Array(hospitalCount);

  const nextChoice = residents.offsets.slice(0, residentCount);
  const residentToHospital = new Int32Array(residentCount).fill(-1);
  const free = new Int32Array(residentCount);
  let freeCount = 0;
  for (let r = residentCount - 1; r >= 0; r--) free[freeCount++] = r;

  while (freeCount > 0) {
    const r = free[--freeCount];
    const end = residents.offsets[r + 1];
    while (nextChoice[r] < end) {
      const e = nextChoice[r]++;
      const rank = hospitalRank[e];
      if (rank < 0) continue;
      const h = residents.targets[e];
      const base = heapStart[h];
      const size = heapSize[h];
      if (size < capacities[h]) {
        heapRanks[base + size] = rank;
        siftUp(heapRanks, base, size);
        heapSize[h] = size + 1;
        residentToHospital[r] = h;
        break;
      }
      if (size > 0 && heapRanks[base] > rank) {
        const rejected = hospitals.targets[hospitals.offsets[h] + heapRanks[base]];
        residentToHospital[rejected] = -1;
        free[freeCount++] = rejected;
        heapRanks[base] = rank;
        siftDown(heapRanks, base, size);
        residentToHospital[r] = h;
        break;
      }
    }
  }
  return { residentToHospital };
}

function siftUp(heap: Int32Array, base: number, index: number): void {
  const value = heap[base + index];
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (heap[base + parent] >= value) break;
    heap[base + index] = heap[base + parent];
    index = parent;
  }
  heap[base + index] = value;
}

function siftDown(heap: Int32Array, base: number, size: number): void {
  const value = heap[base];
  let index = 0;
  for (;;) {
    let child = 2 * index + 1;
    if (child >= size) break;
    if (child + 1 < size && heap[base + child + 1] > heap[base + child]) child++;
    if (heap[base + child] <= value) break;
    heap[base + index] = heap[base + child];
    index = child;
  }
  heap[base + index] = value;
}

/**
 * True when `residentToHospital` is a stable matching of the instance: every pair is mutually
 * acceptable, no hospital is over capacity, and no blocking pair exists (a mutually acceptable
 * resident r and hospital h where r is unmatched or prefers h, and h has a free place or prefers r
 * to its worst assigned resident). Invalid input ids throw RangeError, like `hospitalsResidents`.
 */
export function isStableHR(input: HospitalsResidentsInput, residentToHospital: Int32Array): boolean {
  const { residents, hospitalRank, capacities } = packInstance(input);
  const residentCount = residents.offsets.length - 1;
  const hospitalCount = capacities.length;
  if (residentToHospital.length !== residentCount) return false;

  const assigned = new Int32Array(hospitalCount);
  const worstRank = new Int32Array(hospitalCount).fill(-1);
  // Position of each resident's own hospital in their list (list length when unmatched).
  const assignedChoice = new Int32Array(residentCount);
  for (let r = 0; r < residentCount; r++) {
    const h = residentToHospital[r];
    const start = residents.offsets[r];
    const end = residents.offsets[r + 1];
    if (h === -1) {
      assignedChoice[r] = end;
      continue;
    }
    let e = start;
    while (e < end && residents.targets[e] !== h) e++;
    if (e === end || hospitalRank[e] < 0) return false;
    assignedChoice[r] = e;
    assigned[h]++;
    if (hospitalRank[e] > worstRank[h]) worstRank[h] = hospitalRank[e];
  }
  for (let h = 0; h < hospitalCount; h++) {
    // Capacities were clipped to list lengths, which a valid matching cannot exceed either.
    if (assigned[h] > capacities[h]) return false;
  }
  for (let r = 0; r < residentCount; r++) {
    for (let e = residents.offsets[r]; e < assignedChoice[r]; e++) {
      const rank = hospitalRank[e];
      if (rank < 0) continue;
      const h = residents.targets[e];
      if (assigned[h] < capacities[h] || rank < worstRank[h]) return false;
    }
  }
  return true;
}
