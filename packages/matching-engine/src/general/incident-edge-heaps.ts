/**
 * One binary min-heap of edges per vertex, holding only edges incident to that vertex. An edge
 * sits in at most one heap at a time, so vertex v's heap lives in the slice of a shared array that
 * the adjacency layout reserves for v's incident edges: no allocation after construction.
 */
export class IncidentEdgeHeaps {
  private readonly slots: Int32Array;
  private readonly sizes: Int32Array;
  private readonly position: Int32Array;
  private readonly keys: Float64Array;

  /** `adjStart[v]` is where vertex v's incident edges begin in an adjacency array of 2m entries. */
  constructor(
    private readonly adjStart: Int32Array,
    edgeCount: number,
  ) {
    this.slots = new Int32Array(2 * edgeCount);
    this.sizes = new Int32Array(adjStart.length - 1);
    this.position = new Int32Array(edgeCount).fill(-1);
    this.keys = new Float64Array(edgeCount);
  }

  has(edge: number): boolean {
    return this.position[edge] >= 0;
  }

  isEmpty(v: number): boolean {
    return this.sizes[v] === 0;
  }

  /** Least-key edge of v's heap; only valid when the heap is not empty. */
  minEdge(v: number): number {
    return this.slots[this.adjStart[v]];
  }

  /** Least key in v's heap, or +Infinity when empty. */
  minKey(v: number): number {
    return this.sizes[v] > 0 ? this.keys[this.slots[this.adjStart[v]]] : Infinity;
  }

  insert(v: number, edge: number, key: number): void {
    this.keys[edge] = key;
    const at = this.adjStart[v] + this.sizes[v]++;
    this.slots[at] = edge;
    this.position[edge] = at;
    this.siftUp(this.adjStart[v], at);
  }

  remove(v: number, edge: number): void {
    const at = this.position[edge];
    this.position[edge] = -1;
    const base = this.adjStart[v];
    const lastAt = base + --this.sizes[v];
    if (at === lastAt) return;
    const last = this.slots[lastAt];
    this.slots[at] = last;
    this.position[last] = at;
    this.siftDown(base, lastAt, this.siftUp(base, at));
  }

  clear(v: number): void {
    const base = this.adjStart[v];
    for (let at = base, end = base + this.sizes[v]; at < end; at++) this.position[this.slots[at]] = -1;
    this.sizes[v] = 0;
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(base: number, start: number): number {
    const { slots, position } = this;
    const edge = slots[start];
    let at = start;
    while (at > base) {
      const up = base + ((at - base - 1) >> 1);
      const other = slots[up];
      if (!this.less(edge, other)) break;
      slots[at] = other;
      position[other] = at;
      at = up;
    }
    slots[at] = edge;
    position[edge] = at;
    return at;
  }

  /** Restores order below `start` in the heap occupying slots [base, end). */
  private siftDown(base: number, end: number, start: number): void {
    const { slots, position } = this;
    const edge = slots[start];
    let at = start;
    for (;;) {
      let child = base + 2 * (at - base) + 1;
      if (child >= end) break;
      if (child + 1 < end && this.less(slots[child + 1], slots[child])) child++;
      const other = slots[child];
      if (!this.less(other, edge)) break;
      slots[at] = other;
      position[other] = at;
      at = child;
    }
    slots[at] = edge;
    position[edge] = at;
  }
}
