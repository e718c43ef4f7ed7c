/**
 * Preference lists packed into flat typed arrays (CSR): the list of owner `i` is
 * `targets[offsets[i] .. offsets[i + 1])`, best first, so an entry's position inside it is its rank.
 */
export interface PreferenceTable {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/**
 * Packs `prefs` after checking that every id is an integer in `0 .. targetCount-1`, that no list
 * repeats an id and (when `selfForbidden`) that nobody lists themselves. Throws RangeError naming
 * the offending list.
 */
export function packPreferences(
  prefs: readonly (readonly number[])[],
  targetCount: number,
  label: string,
  selfForbidden = false,
): PreferenceTable {
  const ownerCount = prefs.length;
  const offsets = new Int32Array(ownerCount + 1);
  for (let i = 0; i < ownerCount; i++) offsets[i + 1] = offsets[i] + prefs[i].length;
  const targets = new Int32Array(offsets[ownerCount]);
  // seenBy[t] = owner + 1 of the last list that contained t: detects repeats in O(1).
  const seenBy = new Int32Array(targetCount);
  for (let i = 0; i < ownerCount; i++) {
    const list = prefs[i];
    const base = offsets[i];
    for (let p = 0; p < list.length; p++) {
      const t = list[p];
      if (!Number.isInteger(t) || t < 0 || t >= targetCount) {
        throw new RangeError(`${label}[${i}][${p}] = ${t} is not an id in 0..${targetCount - 1}`);
      }
      if (selfForbidden && t === i) throw new RangeError(`${label}[${i}] lists ${i} itself`);
      if (seenBy[t] === i + 1) throw new RangeError(`${label}[${i}] lists ${t} more than once`);
      seenBy[t] = i + 1;
      targets[base + p] = t;
    }
  }
  return { offsets, targets };
}

/**
 * For every entry (i ranks j) of `from`, the rank of i in j's list of `to`, or -1 when j does not
 * list i (the pair is then unacceptable). Linear time: entries are grouped by j, and j's list is
 * scattered into a position array once.
 */
export function reciprocalRanks(from: PreferenceTable, to: PreferenceTable): Int32Array {
  const fromOwners = from.offsets.length - 1;
  const toOwners = to.offsets.length - 1;
  const entryCount = from.targets.length;
  const ownerOfEntry = new Int32Array(entryCount);
  for (let i = 0; i < fromOwners; i++) ownerOfEntry.fill(i, from.offsets[i], from.offsets[i + 1]);

  // Counting sort of `from` entries by their target.
  const groupStart = new Int32Array(toOwners + 1);
  for (let e = 0; e < entryCount; e++) groupStart[from.targets[e] + 1]++;
  for (let j = 0; j < toOwners; j++) groupStart[j + 1] += groupStart[j];
  const cursor = groupStart.slice(0, toOwners);
  const entriesByTarget = new Int32Array(entryCount);
  for (let e = 0; e < entryCount; e++) entriesByTarget[cursor[from.targets[e]]++] = e;

  const result = new Int32Array(entryCount);
  const positionOf = new Int32Array(fromOwners);
  const stampOf = new Int32Array(fromOwners);
  for (let j = 0; j < toOwners; j++) {
    const stamp = j + 1;
    for (let q = to.offsets[j]; q < to.offsets[j + 1]; q++) {
      const i = to.targets[q];
      positionOf[i] = q - to.offsets[j];
      stampOf[i] = stamp;
    }
    for (let g = groupStart[j]; g < groupStart[j + 1]; g++) {
      const e = entriesByTarget[g];
      const i = ownerOfEntry[e];
      result[e] = stampOf[i] === stamp ? positionOf[i] : -1;
    }
  }
  return result;
}
