/**
 * Binary min-heap of node ids 0..capacity-1 ordered by an external key array, with decrease-key.
 * Keys are read from `keys` at comparison time, so callers lower `keys[node]` and then call `upsert`.
 */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  private readonly position: Int32Array;
  private count = 0;

  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Node with the smallest key; only valid when size > 0. */
  peek(): number {
    return this.heap[0];
  }

  /** Inserts `node`, or restores order after its key was lowered. */
  upsert(node: number): void {
    const { heap, position, keys } = this;
    let at = position[node];
    if (at < 0) at = this.count++;
    const key = keys[node];
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = heap[parentAt];
      if (keys[parent] <= key) break;
      heap[at] = parent;
      position[parent] = at;
      at = parentAt;
    }
    heap[at] = node;
    position[node] = at;
  }

  pop(): number {
    const { heap, position, keys } = this;
    const top = heap[0];
    position[top] = -1;
    const count = --this.count;
    if (count === 0) return top;
    const node = heap[count];
    const key = keys[node];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= count) break;
      let childKey = keys[heap[child]];
      if (child + 1 < count) {
        const rightKey = keys[heap[child + 1]];
        if (rightKey < childKey) {
          child++;
          childKey = rightKey;
        }
      }
      if (childKey >= key) break;
      const childNode = heap[child];
      heap[at] = childNode;
      position[childNode] = at;
      at = child;
    }
    heap[at] = node;
    position[node] = at;
    return top;
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.position[this.heap[k]] = -1;
    this.count = 0;
  }
}
