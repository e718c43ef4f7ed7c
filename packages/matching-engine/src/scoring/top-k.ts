/**
 * Many bounded heaps in shared typed arrays: row r keeps its best `limit(r)` entries, where better means a higher
 * score, then a lower tie key. The root of each heap is its worst entry, so a new entry is rejected in O(1)
 * once the heap is full and worse than the root.
 */
export class BoundedHeaps {
  readonly partners: Int32Array;
  readonly scores: Float64Array;
  readonly ties: Float64Array;
  readonly sizes: Int32Array;
  private readonly base: Int32Array;
  private readonly limits: Int32Array;

  constructor(limits: Int32Array) {
    this.limits = limits.slice();
    this.base = new Int32Array(limits.length + 1);
    for (let row = 0; row < limits.length; row++) this.base[row + 1] = (this.base[row] ?? 0) + (limits[row] ?? 0);
    const total = this.base[limits.length] ?? 0;
    this.partners = new Int32Array(total);
    this.scores = new Float64Array(total);
    this.ties = new Float64Array(total);
    this.sizes = new Int32Array(limits.length);
  }

  private worse(i: number, j: number): boolean {
    const si = this.scores[i] ?? 0;
    const sj = this.scores[j] ?? 0;
    return si < sj || (si === sj && (this.ties[i] ?? 0) > (this.ties[j] ?? 0));
  }

  private swap(i: number, j: number): void {
    const partner = this.partners[i] ?? 0;
    const score = this.scores[i] ?? 0;
    const tie = this.ties[i] ?? 0;
    this.partners[i] = this.partners[j] ?? 0;
    this.scores[i] = this.scores[j] ?? 0;
    this.ties[i] = this.ties[j] ?? 0;
    this.partners[j] = partner;
    this.scores[j] = score;
    this.ties[j] = tie;
  }

  /** Offers (partner, score, tie) to row `row`'s heap. */
  offer(row: number, partner: number, score: number, tie: number): void {
    const base = this.base[row] ?? 0;
    const limit = this.limits[row] ?? 0;
    const size = this.sizes[row] ?? 0;
    if (limit === 0) return;
    if (size < limit) {
      let child = base + size;
      this.partners[child] = partner;
      this.scores[child] = score;
      this.ties[child] = tie;
      this.sizes[row] = size + 1;
      while (child > base) {
        const parent = base + ((child - base - 1) >> 1);
        if (!this.worse(child, parent)) break;
        this.swap(child, parent);
        child = parent;
      }
      return;
    }
    const rootScore = this.scores[base] ?? 0;
    if (score < rootScore || (score === rootScore && tie >= (this.ties[base] ?? 0))) return;
    this.partners[base] = partner;
    this.scores[base] = score;
    this.ties[base] = tie;
    let parent = base;
    for (;;) {
      const left = base + 2 * (parent - base) + 1;
      if (left >= base + limit) break;
      const right = left + 1;
      const worst = right < base + limit && this.worse(right, left) ? right : left;
      if (!this.worse(worst, parent)) break;
      this.swap(worst, parent);
      parent = worst;
    }
  }

  /** Empties row `row` and sets how many entries it keeps from now on (at most its allocated room). */
  reset(row: number, limit: number): void {
    this.sizes[row] = 0;
    this.limits[row] = Math.min(limit, (this.base[row + 1] ?? 0) - (this.base[row] ?? 0));
  }

  /** Index of the first storage slot of row `row`; its entries occupy the next `sizes[row]` slots, unordered. */
  start(row: number): number {
    return this.base[row] ?? 0;
  }

  /** Indices (into partners/scores/ties) of row `row`'s entries, best first. */
  sortedSlots(row: number): number[] {
    const base = this.base[row] ?? 0;
    const slots: number[] = [];
    for (let i = 0; i < (this.sizes[row] ?? 0); i++) slots.push(base + i);
    return slots.sort((i, j) => (this.worse(i, j) ? 1 : this.worse(j, i) ? -1 : 0));
  }
}
