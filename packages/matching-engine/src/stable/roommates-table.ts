import { packPreferences, reciprocalRanks } from './preference-table';

/**
 * The shrinking preference table of Irving's algorithm, kept implicitly. Every deletion the
 * algorithm makes is "person y drops everyone after rank r", so the table is fully described by one
 * `limit` per person: entry (x ranks y) is live while y is within x's limit and x is within y's limit.
 * Deleting a tail therefore also removes the mirror entries for free, and limits only shrink, so a
 * dead entry stays dead. `head`, `second` and `tail` are cursors that only move inward, which keeps
 * the total scanning work linear in the table size.
 */
export class RoommatesTable {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Per entry (x ranks y): the rank of x in y's list, -1 when y does not list x. */
  readonly partnerRank: Int32Array;
  /** Per person: the last rank still allowed in their own list. */
  readonly limit: Int32Array;
  private readonly head: Int32Array;
  private readonly second: Int32Array;
  private readonly tail: Int32Array;

  constructor(prefs: readonly (readonly number[])[]) {
    const n = prefs.length;
    const table = packPreferences(prefs, n, 'prefs', true);
    this.offsets = table.offsets;
    this.targets = table.targets;
    this.partnerRank = reciprocalRanks(table, table);
    this.limit = new Int32Array(n);
    this.head = this.offsets.slice(0, n);
    this.second = new Int32Array(n);
    this.tail = new Int32Array(n);
    for (let x = 0; x < n; x++) {
      this.limit[x] = this.offsets[x + 1] - this.offsets[x] - 1;
      this.second[x] = this.offsets[x] + 1;
      this.tail[x] = this.offsets[x + 1] - 1;
    }
  }

  get size(): number {
    return this.limit.length;
  }

  /** Whether the owner of entry `e` is still in the list of the person it ranks. */
  private partnerKeeps(e: number): boolean {
    const rank = this.partnerRank[e];
    return rank >= 0 && rank <= this.limit[this.targets[e]];
  }

  /** Entry index of x's first live entry, or -1 when x's list is empty. */
  firstEntry(x: number): number {
    const stop = this.offsets[x] + this.limit[x];
    let e = this.head[x];
    while (e <= stop && !this.partnerKeeps(e)) e++;
    this.head[x] = e;
    return e <= stop ? e : -1;
  }

  /** Entry index of x's second live entry, or -1 when x has fewer than two. */
  secondEntry(x: number): number {
    const first = this.firstEntry(x);
    if (first < 0) return -1;
    const stop = this.offsets[x] + this.limit[x];
    let e = Math.max(this.second[x], first + 1);
    while (e <= stop && !this.partnerKeeps(e)) e++;
    this.second[x] = e;
    return e <= stop ? e : -1;
  }

  /** Entry index of x's last live entry, or -1 when x's list is empty. */
  lastEntry(x: number): number {
    const first = this.firstEntry(x);
    if (first < 0) return -1;
    let e = Math.min(this.tail[x], this.offsets[x] + this.limit[x]);
    while (e > first && !this.partnerKeeps(e)) e--;
    this.tail[x] = e;
    return e;
  }

  /**
   * Person y keeps only ranks 0..rank. Calls `onLoss(w)` for every w that had y in their live list
   * and loses it now.
   */
  truncate(y: number, rank: number, onLoss: (w: number) => void): void {
    const base = this.offsets[y];
    const oldLimit = this.limit[y];
    this.limit[y] = rank;
    for (let e = base + rank + 1; e <= base + oldLimit; e++) {
      const back = this.partnerRank[e];
      if (back >= 0 && back <= this.limit[this.targets[e]]) onLoss(this.targets[e]);
    }
  }
}
