/**
 * Binary min-heap of (key, node) pairs stored side by side in typed arrays, without decrease-key:
 * callers push a node again when its key drops and skip outdated entries when popping. Keeping keys
 * inline avoids an indirect lookup per comparison.
 */
export class MinHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  private count = 0;

  constructor(initialCapacity: number) {
    const capacity = Math.max(16, initialCapacity);
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Smallest key; only valid when size > 0. */
  peekKey(): number {
    return this.keys[0];
  }

  /** Node of the smallest key; only valid when size > 0. */
  peekNode(): number {
    return this.nodes[0];
  }

  push(key: number, node: number): void {
    if (this.count === this.keys.length) this.grow();
    const { keys, nodes } = this;
    let at = this.count++;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parentKey = keys[parentAt];
      if (parentKey <= key) break;
      keys[at] = parentKey;
      nodes[at] = nodes[parentAt];
      at = parentAt;
    }
    keys[at] = key;
    nodes[at] = node;
  }

  /** Removes the smallest entry. */
  pop(): void {
    const { keys, nodes } = this;
    const count = --this.count;
    if (count === 0) return;
    const key = keys[count];
    const node = nodes[count];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= count) break;
      let childKey = keys[child];
      if (child + 1 < count && keys[child + 1] < childKey) {
        child++;
        childKey = keys[child];
      }
      if (childKey >= key) break;
      keys[at] = childKey;
      nodes[at] = nodes[child];
      at = child;
    }
    keys[at] = key;
    nodes[at] = node;
  }

  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const nodes = new Int32Array(this.nodes.length * 2);
    keys.set(this.keys);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
