/**
 * Binary min-heap over item ids 0..capacity-1, each stored with its own key, supporting delete and
 * key change in O(log n). Ties are broken by item id so that runs are deterministic.
 */
export class KeyedMinHeap {
  private readonly heap: Int32Array;
  private readonly position: Int32Array;
  private readonly keys: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
    this.keys = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(item: number): boolean {
    return this.position[item] >= 0;
  }

  keyOf(item: number): number {
    return this.keys[item];
  }

  /** Item with the smallest key; only valid when size > 0. */
  minItem(): number {
    return this.heap[0];
  }

  /** Smallest key, or +Infinity when empty. */
  minKey(): number {
    return this.count > 0 ? this.keys[this.heap[0]] : Infinity;
  }

  /** Inserts `item`, or moves it to its new place when already present. */
  set(item: number, key: number): void {
    let at = this.position[item];
    this.keys[item] = key;
    if (at < 0) {
      at = this.count++;
      this.heap[at] = item;
      this.position[item] = at;
      this.siftUp(at);
      return;
    }
    this.siftDown(this.siftUp(at));
  }

  remove(item: number): void {
    const at = this.position[item];
    if (at < 0) return;
    this.position[item] = -1;
    const last = this.heap[--this.count];
    if (at === this.count) return;
    this.heap[at] = last;
    this.position[last] = at;
    this.siftDown(this.siftUp(at));
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(start: number): number {
    const { heap, position } = this;
    const item = heap[start];
    let at = start;
    while (at > 0) {
      const up = (at - 1) >> 1;
      const other = heap[up];
      if (!this.less(item, other)) break;
      heap[at] = other;
      position[other] = at;
      at = up;
    }
    heap[at] = item;
    position[item] = at;
    return at;
  }

  private siftDown(start: number): void {
    const { heap, position } = this;
    const item = heap[start];
    let at = start;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.count) break;
      if (child + 1 < this.count && this.less(heap[child + 1], heap[child])) child++;
      const other = heap[child];
      if (!this.less(other, item)) break;
      heap[at] = other;
      position[other] = at;
      at = child;
    }
    heap[at] = item;
    position[item] = at;
  }
}
