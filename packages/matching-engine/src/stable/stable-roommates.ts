import { packPreferences, reciprocalRanks } from './preference-table';
import { RoommatesTable } from './roommates-table';

export type RoommatesResult = { stable: true; mate: Int32Array } | { stable: false; reason: string };

const ignoreLoss = (): void => {};

/**
 * Irving's stable roommates algorithm with incomplete lists (0-based ids, best first; a pair is
 * acceptable only when each lists the other). `mate[x]` is -1 for people left unmatched, who are
 * unmatched in every stable matching. Phase 1 is a round of proposals; phase 2 repeatedly finds an
 * exposed rotation and eliminates it, and reports "no stable matching" as soon as a list empties.
 * Linear in the total list length plus the rotation walks.
 */
export function stableRoommates(prefs: readonly (readonly number[])[]): RoommatesResult {
  const table = new RoommatesTable(prefs);
  proposalPhase(table);
  const failure = eliminateRotations(table);
  if (failure !== undefined) return { stable: false, reason: failure };
  const mate = new Int32Array(table.size);
  for (let x = 0; x < table.size; x++) {
    const e = table.firstEntry(x);
    mate[x] = e < 0 ? -1 : table.targets[e];
  }
  return { stable: true, mate };
}

/**
 * Phase 1: everyone proposes down their list; y holding a proposal from x drops everyone ranked
 * after x. Afterwards x's first is y exactly when y's last is x.
 */
function proposalPhase(table: RoommatesTable): void {
  const n = table.size;
  const holding = new Int32Array(n).fill(-1);
  const free = new Int32Array(n);
  let freeCount = 0;
  for (let x = n - 1; x >= 0; x--) free[freeCount++] = x;
  while (freeCount > 0) {
    const x = free[--freeCount];
    const e = table.firstEntry(x);
    if (e < 0) continue; // x's list ran out: x is unmatched in every stable matching
    const y = table.targets[e];
    // Liveness of the entry means y ranks x above whoever y holds, so y always accepts.
    const dropped = holding[y];
    holding[y] = x;
    table.truncate(y, table.partnerRank[e], ignoreLoss);
    if (dropped >= 0) free[freeCount++] = dropped;
  }
}

/**
 * Phase 2. A walk p → last(second(p)) from anyone with two or more entries always reaches a cycle,
 * which is an exposed rotation (x_i, first(x_i)). Eliminating it makes each second(x_i) drop
 * everyone after x_i. The walk is kept across eliminations; since lists change, every link of a
 * cycle is re-checked before it is eliminated and the walk is cut back at the first stale link.
 * Returns a reason when no stable matching exists.
 */
function eliminateRotations(table: RoommatesTable): string | undefined {
  const n = table.size;
  const walk = new Int32Array(n);
  const walkIndex = new Int32Array(n).fill(-1);
  let walkLength = 0;
  const cutWalk = (length: number): void => {
    while (walkLength > length) walkIndex[walk[--walkLength]] = -1;
  };
  const next = (p: number): number => {
    const s = table.secondEntry(p);
    return s < 0 ? -1 : table.targets[table.lastEntry(table.targets[s])];
  };
  const secondEntries = new Int32Array(n);
  const losers: number[] = [];
  const recordLoss = (w: number): void => {
    losers.push(w);
  };
  let start = 0;

  for (;;) {
    if (walkLength === 0) {
      while (start < n && table.secondEntry(start) < 0) start++;
      if (start === n) return undefined;
      walkIndex[start] = 0;
      walk[walkLength++] = start;
    }
    const top = walk[walkLength - 1];
    const q = next(top);
    if (q < 0) {
      cutWalk(walkLength - 1); // top shrank to one entry: it is settled
      continue;
    }
    const cycleStart = walkIndex[q];
    if (cycleStart < 0) {
      if (table.secondEntry(q) < 0) throw new Error('stableRoommates: walk reached a one-entry list (broken table invariant)');
      walkIndex[q] = walkLength;
      walk[walkLength++] = q;
      continue;
    }
    const stale = firstStaleLink(walk, cycleStart, walkLength - 1, next);
    if (stale >= 0) {
      cutWalk(stale + 1);
      continue;
    }

    for (let t = cycleStart; t < walkLength; t++) secondEntries[t] = table.secondEntry(walk[t]);
    losers.length = 0;
    for (let t = cycleStart; t < walkLength; t++) {
      const e = secondEntries[t];
      table.truncate(table.targets[e], table.partnerRank[e], recordLoss);
    }
    for (const w of losers) {
      if (table.firstEntry(w) < 0) {
        return `person ${w}'s list became empty while eliminating a rotation: no stable matching exists`;
      }
    }
    cutWalk(cycleStart);
  }
}

/** Index t of the first link walk[t] → walk[t+1] (t in from..to-1) that no longer holds, else -1. */
function firstStaleLink(walk: Int32Array, from: number, to: number, next: (p: number) => number): number {
  for (let t = from; t < to; t++) {
    if (next(walk[t]) !== walk[t + 1]) return t;
  }
  return -1;
}

/**
 * True when `mate` (-1 = unmatched) is a stable matching: symmetric, every pair mutually
 * acceptable, and no mutually acceptable pair x, y who are not together would both rather be
 * together (an unmatched person prefers anyone acceptable). Invalid prefs throw RangeError.
 */
export function isStableRoommates(prefs: readonly (readonly number[])[], mate: Int32Array): boolean {
  const n = prefs.length;
  const table = packPreferences(prefs, n, 'prefs', true);
  const partnerRank = reciprocalRanks(table, table);
  if (mate.length !== n) return false;
  // Rank of each person's mate in their own list; list length for the unmatched.
  const mateRank = new Int32Array(n);
  for (let x = 0; x < n; x++) {
    const y = mate[x];
    const start = table.offsets[x];
    const end = table.offsets[x + 1];
    if (y === -1) {
      mateRank[x] = end - start;
      continue;
    }
    if (y < 0 || y >= n || mate[y] !== x) return false;
    let e = start;
    while (e < end && table.targets[e] !== y) e++;
    if (e === end || partnerRank[e] < 0) return false;
    mateRank[x] = e - start;
  }
  for (let x = 0; x < n; x++) {
    const start = table.offsets[x];
    for (let e = start; e < start + mateRank[x]; e++) {
      const back = partnerRank[e];
      if (back >= 0 && back < mateRank[table.targets[e]]) return false;
    }
  }
  return true;
}
