/**
 * Concatenable priority queues over the vertices 0..n-1, the device that lets a blossom algorithm
 * run in O(n m log n): each queue is an ordered sequence of vertices with one priority per vertex
 * and is named by a queue id (a blossom id). Finding the queue of a vertex, changing a priority,
 * merging several queues in order and undoing such a merge each take O(log n) expected time.
 *
 * Stored as treaps: one node per vertex, heap-ordered on a fixed pseudo-random rank, with parent
 * pointers (to find a queue from a vertex) and subtree minima (to find a queue's least priority).
 */
export class ConcatenableQueues {
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly up: Int32Array;
  private readonly rank: Int32Array;
  private readonly priority: Float64Array;
  private readonly subtreeMin: Float64Array;
  private readonly subtreeArgmin: Int32Array;
  /** Queue id of the queue whose root is this node; only meaningful at roots. */
  private readonly nameOfRoot: Int32Array;
  private readonly rootOf: Int32Array;
  private readonly firstOf: Int32Array;
  private readonly walk: Int32Array;

  /** Starts with queue v = [v] (priority +Infinity) for each vertex v; other ids start empty. */
  constructor(n: number, queueCapacity: number) {
    this.left = new Int32Array(n).fill(-1);
    this.right = new Int32Array(n).fill(-1);
    this.up = new Int32Array(n).fill(-1);
    this.rank = new Int32Array(n);
    this.priority = new Float64Array(n).fill(Infinity);
    this.subtreeMin = new Float64Array(n).fill(Infinity);
    this.subtreeArgmin = new Int32Array(n);
    this.nameOfRoot = new Int32Array(n);
    this.rootOf = new Int32Array(queueCapacity).fill(-1);
    this.firstOf = new Int32Array(queueCapacity).fill(-1);
    this.walk = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      this.rank[v] = mixRank(v);
      this.subtreeArgmin[v] = v;
      this.nameOfRoot[v] = v;
      this.rootOf[v] = v;
      this.firstOf[v] = v;
    }
  }

  /** Id of the queue holding vertex v. */
  find(v: number): number {
    const up = this.up;
    let node = v;
    while (up[node] >= 0) node = up[node];
    return this.nameOfRoot[node];
  }

  priorityOf(v: number): number {
    return this.priority[v];
  }

  setPriority(v: number, priority: number): void {
    this.priority[v] = priority;
    for (let node = v; node >= 0; node = this.up[node]) this.pull(node);
  }

  /** Least priority in queue q (+Infinity when all are infinite). */
  minPriority(q: number): number {
    return this.subtreeMin[this.rootOf[q]];
  }

  /** A vertex of queue q holding its least priority. */
  minVertex(q: number): number {
    return this.subtreeArgmin[this.rootOf[q]];
  }

  /** Appends the vertices of queue q to `out` from index `at`; returns the index after the last. */
  collect(q: number, out: Int32Array, at: number): number {
    const walk = this.walk;
    let depth = 0;
    walk[depth++] = this.rootOf[q];
    let end = at;
    while (depth > 0) {
      const node = walk[--depth];
      out[end++] = node;
      if (this.left[node] >= 0) walk[depth++] = this.left[node];
      if (this.right[node] >= 0) walk[depth++] = this.right[node];
    }
    return end;
  }

  /** Queue q becomes the concatenation of queues `parts` (in order), which become empty. */
  merge(q: number, parts: readonly number[]): void {
    let root = this.rootOf[parts[0]];
    for (let i = 1; i < parts.length; i++) {
      root = this.join(root, this.rootOf[parts[i]]);
      this.rootOf[parts[i]] = -1;
    }
    this.rootOf[parts[0]] = -1;
    this.up[root] = -1;
    this.rootOf[q] = root;
    this.nameOfRoot[root] = q;
    this.firstOf[q] = this.firstOf[parts[0]];
  }

  /** Undoes `merge(q, parts)`: the same parts get their vertices back and q becomes empty. */
  split(q: number, parts: readonly number[]): void {
    let rest = this.rootOf[q];
    for (let i = parts.length - 1; i > 0; i--) {
      const cut = this.splitBefore(this.firstOf[parts[i]]);
      rest = cut.head;
      this.rootOf[parts[i]] = cut.tail;
      this.nameOfRoot[cut.tail] = parts[i];
    }
    this.rootOf[parts[0]] = rest;
    this.nameOfRoot[rest] = parts[0];
    this.rootOf[q] = -1;
  }

  private pull(node: number): void {
    let min = this.priority[node];
    let argmin = node;
    const l = this.left[node];
    if (l >= 0 && this.subtreeMin[l] < min) {
      min = this.subtreeMin[l];
      argmin = this.subtreeArgmin[l];
    }
    const r = this.right[node];
    if (r >= 0 && this.subtreeMin[r] < min) {
      min = this.subtreeMin[r];
      argmin = this.subtreeArgmin[r];
    }
    this.subtreeMin[node] = min;
    this.subtreeArgmin[node] = argmin;
  }

  /** Concatenates two treaps (all of `a` before all of `b`); returns the new root. */
  private join(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    if (this.rank[a] > this.rank[b]) {
      const r = this.join(this.right[a], b);
      this.right[a] = r;
      this.up[r] = a;
      this.pull(a);
      return a;
    }
    const l = this.join(a, this.left[b]);
    this.left[b] = l;
    this.up[l] = b;
    this.pull(b);
    return b;
  }

  /**
   * Cuts the treap holding `node` just before it, walking from `node` to the root: what precedes
   * goes to `head`, `node` and what follows to `tail`. Each side stays heap-ordered because every
   * subtree attached to an ancestor came from below that ancestor.
   */
  private splitBefore(node: number): { head: number; tail: number } {
    const { left, right, up } = this;
    let head = left[node];
    if (head >= 0) up[head] = -1;
    left[node] = -1;
    this.pull(node);
    let tail = node;
    let child = node;
    let parent = up[node];
    up[node] = -1;
    while (parent >= 0) {
      const next = up[parent];
      if (right[parent] === child) {
        right[parent] = head;
        if (head >= 0) up[head] = parent;
        head = parent;
      } else {
        left[parent] = tail;
        up[tail] = parent;
        tail = parent;
      }
      this.pull(parent);
      up[parent] = -1;
      child = parent;
      parent = next;
    }
    return { head, tail };
  }
}

/** Fixed pseudo-random treap rank of a vertex (an integer hash, so runs are reproducible). */
function mixRank(v: number): number {
  let h = Math.imul(v + 1, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  return h ^ (h >>> 16);
}
