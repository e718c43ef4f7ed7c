import { ConcatenableQueues } from './concatenable-queues';
import type { DualCertificate } from './dual-certificate';
import { IncidentEdgeHeaps } from './incident-edge-heaps';
import { KeyedMinHeap } from './keyed-min-heap';
import type { SimpleGraph } from './simple-graph';

const UNLABELED = 0;
const S_LABEL = 1;
const T_LABEL = 2;

/** An alternating path as directed edges from[i] -> to[i], each edge starting where the last ended. */
interface AlternatingPath {
  from: number[];
  to: number[];
}

/** A path through a blossom from one of its sub-blossoms to its base, with the sub-blossoms passed. */
interface PathThroughBlossom extends AlternatingPath {
  nodes: number[];
}

/**
 * Edmonds' primal-dual blossom algorithm for maximum-weight matching in O(n m log n), after Galil,
 * Micali and Gabow and the design of J. van Rantwijk's `mwmatching`:
 * - dual changes are lazy: one running sum of all delta steps, plus per-blossom offsets, stands in
 *   for updating every dual variable at each step;
 * - each kind of delta step has its own priority queue (S-to-free edges through a concatenable
 *   queue per blossom, S-to-S edges, T-blossom duals), so choosing a step costs O(log n);
 * - after an augmentation only the two alternating trees it joined are taken apart; the others
 *   keep their labels.
 * Vertex duals are held doubled so that integer weights keep every quantity an integer: results
 * are then exact up to 2^53.
 *
 * Blossom ids: 0..n-1 are the single vertices, n..2n-1 hold non-trivial blossoms (recycled).
 */
export class BlossomSolver {
  readonly mate: Int32Array;

  private readonly n: number;
  private readonly parent: Int32Array;
  private readonly base: Int32Array;
  private readonly label: Uint8Array;
  /** A labeled top-level blossom joins its tree by the edge treeFrom -> treeTo (treeTo inside it). */
  private readonly treeFrom: Int32Array;
  private readonly treeTo: Int32Array;
  /** Alternating tree of a labeled top-level blossom, named by the tree's root vertex; else -1. */
  private readonly treeOf: Int32Array;
  private readonly treeNext: Int32Array;
  private readonly treePrev: Int32Array;
  private readonly treeHead: Int32Array;
  private readonly marked: Uint8Array;
  /**
   * Blossom dual z, lazily: true value is blossomDual + deltaSum for a top-level S-blossom,
   * blossomDual - deltaSum for a top-level T-blossom, blossomDual otherwise.
   */
  private readonly blossomDual: Float64Array;
  /** Pending change to the duals of all vertices of a non-S top-level blossom. */
  private readonly dualOffset: Float64Array;
  /** Sub-blossoms in cycle order (the first holds the base) and the edges joining each to the next. */
  private readonly subs: number[][] = [];
  private readonly subFrom: number[][] = [];
  private readonly subTo: number[][] = [];
  /** Sub-blossoms in the order their vertex queues were merged, to undo the merge. */
  private readonly mergeOrder: number[][] = [];
  private readonly inUse: Uint8Array;
  private readonly freeIds: number[] = [];

  /**
   * Twice the vertex duals, lazily: true value is vertexDual2 - deltaSum for an S-vertex,
   * vertexDual2 + deltaSum + dualOffset(top blossom) for a T-vertex, vertexDual2 + dualOffset
   * otherwise.
   */
  private readonly vertexDual2: Float64Array;
  private readonly startDual2: number;
  /** Running sum of all delta steps, in doubled units. */
  private deltaSum = 0;

  /** Vertex queue per top-level blossom; a vertex's priority is its least S-edge pseudo-slack. */
  private readonly queues: ConcatenableQueues;
  /** Per non-S vertex: its edges to S-vertices keyed by pseudo-slack (slack plus lazy terms). */
  private readonly sEdges: IncidentEdgeHeaps;
  /** Unlabeled top-level blossoms with an S-edge, keyed by least slack + deltaSum. */
  private readonly delta2: KeyedMinHeap;
  /**
   * Edges between S-vertices keyed by slack + deltaSum; may hold stale edges (now inside one
   * blossom, or with an end no longer S), dropped when they come to the top.
   */
  private readonly delta3: KeyedMinHeap;
  /** Non-trivial top-level T-blossoms keyed by dual + deltaSum. */
  private readonly delta4: KeyedMinHeap;

  private readonly scanQueue: Int32Array;
  private scanCount = 0;
  private readonly scratch: Int32Array;

  constructor(
    private readonly graph: SimpleGraph,
    private readonly maxCardinality: boolean,
  ) {
    const n = graph.n;
    const ids = 2 * n;
    this.n = n;
    this.mate = new Int32Array(n).fill(-1);
    this.parent = new Int32Array(ids).fill(-1);
    this.base = new Int32Array(ids);
    for (let v = 0; v < n; v++) this.base[v] = v;
    this.label = new Uint8Array(ids);
    this.treeFrom = new Int32Array(ids).fill(-1);
    this.treeTo = new Int32Array(ids).fill(-1);
    this.treeOf = new Int32Array(ids).fill(-1);
    this.treeNext = new Int32Array(ids).fill(-1);
    this.treePrev = new Int32Array(ids).fill(-1);
    this.treeHead = new Int32Array(n).fill(-1);
    this.marked = new Uint8Array(ids);
    this.blossomDual = new Float64Array(ids);
    this.dualOffset = new Float64Array(ids);
    this.inUse = new Uint8Array(ids);
    for (let b = ids - 1; b >= n; b--) this.freeIds.push(b);

    let maxWeight = -Infinity;
    for (const w of graph.weight) if (w > maxWeight) maxWeight = w;
    this.startDual2 = graph.weight.length > 0 ? maxWeight : 0;
    this.vertexDual2 = new Float64Array(n).fill(this.startDual2);

    this.queues = new ConcatenableQueues(n, ids);
    this.sEdges = new IncidentEdgeHeaps(graph.adjStart, graph.weight.length);
    this.delta2 = new KeyedMinHeap(ids);
    this.delta3 = new KeyedMinHeap(graph.weight.length);
    this.delta4 = new KeyedMinHeap(ids);
    this.scanQueue = new Int32Array(n);
    this.scratch = new Int32Array(n);
  }

  /** Runs the algorithm to the end; the answer is then in `mate`. */
  solve(): void {
    if (this.graph.weight.length === 0) return;
    for (let v = 0; v < this.n; v++) {
      this.assignS(v);
      this.treeAdd(v, v);
    }
    for (;;) {
      this.scanNewSVertices();
      if (!this.takeDeltaStep()) return;
    }
  }

  /** Optimal duals for the final matching (see DualCertificate); call after solve(). */
  certificate(): DualCertificate {
    const { n, queues, label, dualOffset, deltaSum } = this;
    const vertexDual2 = new Float64Array(n);
    for (let x = 0; x < n; x++) {
      const top = queues.find(x);
      const stored = this.vertexDual2[x];
      if (label[top] === S_LABEL) vertexDual2[x] = stored - deltaSum;
      else if (label[top] === T_LABEL) vertexDual2[x] = stored + deltaSum + dualOffset[top];
      else vertexDual2[x] = stored + dualOffset[top];
    }

    // Number blossoms children first, so every parent comes after what it holds.
    const index = new Int32Array(2 * n).fill(-1);
    const order: number[] = [];
    const visit = (root: number): void => {
      const stack = [root];
      const exits: number[] = [];
      while (stack.length > 0) {
        const b = stack.pop() as number;
        exits.push(b);
        for (const sub of this.subs[b]) if (sub >= n) stack.push(sub);
      }
      for (let i = exits.length - 1; i >= 0; i--) {
        index[exits[i]] = n + order.length;
        order.push(exits[i]);
      }
    };
    for (let b = n; b < 2 * n; b++) if (this.inUse[b] && this.parent[b] < 0) visit(b);

    const blossomDual = new Float64Array(order.length);
    const parent = new Int32Array(n + order.length).fill(-1);
    order.forEach((b, j) => {
      let z = this.blossomDual[b];
      if (this.parent[b] < 0 && label[b] === S_LABEL) z += deltaSum;
      if (this.parent[b] < 0 && label[b] === T_LABEL) z -= deltaSum;
      blossomDual[j] = z;
      if (this.parent[b] >= 0) parent[n + j] = index[this.parent[b]];
    });
    for (let x = 0; x < n; x++) if (this.parent[x] >= 0) parent[x] = index[this.parent[x]];
    return { vertexDual2, blossomDual, parent };
  }

  // ---- Choosing and applying delta steps ----

  /** Applies the next delta step and acts on it; false when the matching is final. */
  private takeDeltaStep(): boolean {
    let kind = 0;
    let delta = Infinity;
    let edge = -1;
    let blossom = -1;

    // delta1: the duals of unmatched vertices (all equal, and the least) reach zero.
    if (!this.maxCardinality) {
      kind = 1;
      delta = this.startDual2 - this.deltaSum;
    }
    // delta2: an edge from an S-vertex to an unlabeled vertex becomes tight.
    if (this.delta2.size > 0) {
      const slack = this.delta2.minKey() - this.deltaSum;
      if (slack <= delta) {
        kind = 2;
        delta = slack;
        edge = this.sEdges.minEdge(this.queues.minVertex(this.delta2.minItem()));
      }
    }
    // delta3: an edge between two S-blossoms becomes tight (slack halves: both ends move).
    const sEdge = this.leastSToSEdge();
    if (sEdge >= 0) {
      const slack = this.delta3.keyOf(sEdge) - this.deltaSum;
      if (slack <= delta) {
        kind = 3;
        delta = slack;
        edge = sEdge;
      }
    }
    // delta4: the dual of a T-blossom reaches zero.
    if (this.delta4.size > 0) {
      const z = this.delta4.minKey() - this.deltaSum;
      if (z <= delta) {
        kind = 4;
        delta = z;
        blossom = this.delta4.minItem();
      }
    }
    if (kind === 0) return false;
    // Rounding with fractional weights can give a tiny negative step; never move duals backwards.
    if (delta > 0) this.deltaSum += delta;

    const { from, to } = this.graph;
    switch (kind) {
      case 2: {
        const fromIsS = this.label[this.queues.find(from[edge])] === S_LABEL;
        this.extendToT(fromIsS ? from[edge] : to[edge], fromIsS ? to[edge] : from[edge]);
        return true;
      }
      case 3:
        this.joinSVertices(from[edge], to[edge]);
        return true;
      case 4:
        this.expandTBlossom(blossom);
        return true;
      default:
        return false;
    }
  }

  private leastSToSEdge(): number {
    const { delta3, queues } = this;
    const { from, to } = this.graph;
    while (delta3.size > 0) {
      const e = delta3.minItem();
      const bx = queues.find(from[e]);
      const by = queues.find(to[e]);
      if (bx !== by && this.label[bx] === S_LABEL && this.label[by] === S_LABEL) return e;
      // Entries are dropped lazily: the edge became internal to a new blossom, or an end left S.
      delta3.remove(e);
    }
    return -1;
  }

  // ---- Least-slack edge tracking ----

  /** Slack (doubled) plus the lazy dual terms, which stays fixed while no label changes. */
  private pseudoSlack(e: number): number {
    return this.vertexDual2[this.graph.from[e]] + this.vertexDual2[this.graph.to[e]] - 2 * this.graph.weight[e];
  }

  private scanNewSVertices(): void {
    const { adjStart, adjEdge, adjOther } = this.graph;
    const { queues, label } = this;
    for (let i = 0; i < this.scanCount; i++) {
      const x = this.scanQueue[i];
      const bx = queues.find(x);
      for (let k = adjStart[x]; k < adjStart[x + 1]; k++) {
        const e = adjEdge[k];
        const y = adjOther[k];
        const by = queues.find(y);
        if (by === bx) continue;
        if (label[by] === S_LABEL) {
          // Also refreshes a stale entry left from an earlier time both ends were S.
          this.delta3.set(e, this.pseudoSlack(e) / 2);
        } else {
          this.addSEdge(e, y, by);
        }
      }
    }
    this.scanCount = 0;
  }

  /** Tracks edge e from an S-vertex to vertex y (not S) in top-level blossom by. */
  private addSEdge(e: number, y: number, by: number): void {
    const key = this.pseudoSlack(e);
    const improved = key < this.sEdges.minKey(y);
    this.sEdges.insert(y, e, key);
    if (!improved) return;
    this.queues.setPriority(y, key);
    if (this.label[by] === UNLABELED) {
      const blossomKey = key + this.dualOffset[by];
      if (!this.delta2.has(by) || blossomKey < this.delta2.keyOf(by)) this.delta2.set(by, blossomKey);
    }
  }

  /** Stops tracking edge e into vertex y (in top-level blossom by) once its other end left S. */
  private dropSEdge(e: number, y: number, by: number): void {
    if (!this.sEdges.has(e)) return;
    this.sEdges.remove(y, e);
    const key = this.sEdges.minKey(y);
    if (key <= this.queues.priorityOf(y)) return;
    this.queues.setPriority(y, key);
    if (this.label[by] === UNLABELED) this.refreshDelta2(by);
  }

  private refreshDelta2(b: number): void {
    const least = this.queues.minPriority(b);
    if (least < Infinity) this.delta2.set(b, least + this.dualOffset[b]);
    else this.delta2.remove(b);
  }

  // ---- Labels ----

  /** Unlabeled top-level blossom b becomes an S-blossom; its vertices join the scan queue. */
  private assignS(b: number): void {
    this.label[b] = S_LABEL;
    this.delta2.remove(b);
    if (b >= this.n) this.blossomDual[b] -= this.deltaSum;
    const fix = this.deltaSum + this.dualOffset[b];
    this.dualOffset[b] = 0;
    const start = this.scanCount;
    this.scanCount = this.queues.collect(b, this.scanQueue, start);
    for (let i = start; i < this.scanCount; i++) {
      const x = this.scanQueue[i];
      this.vertexDual2[x] += fix;
      // S-vertices track no S-edges of their own.
      this.sEdges.clear(x);
      if (this.queues.priorityOf(x) !== Infinity) this.queues.setPriority(x, Infinity);
    }
  }

  private assignT(b: number): void {
    this.label[b] = T_LABEL;
    this.delta2.remove(b);
    if (b >= this.n) {
      this.blossomDual[b] += this.deltaSum;
      this.delta4.set(b, this.blossomDual[b]);
    }
    this.dualOffset[b] -= this.deltaSum;
  }

  /**
   * S-blossom b becomes unlabeled: its edges to S-vertices are now tracked at its own vertices, and
   * its edges into other non-S vertices stop being tracked there (S-to-S entries expire lazily).
   */
  private removeS(b: number): void {
    const { adjStart, adjEdge, adjOther } = this.graph;
    this.label[b] = UNLABELED;
    if (b >= this.n) this.blossomDual[b] += this.deltaSum;
    const count = this.queues.collect(b, this.scratch, 0);
    for (let i = 0; i < count; i++) {
      const x = this.scratch[i];
      this.vertexDual2[x] -= this.deltaSum;
      for (let k = adjStart[x]; k < adjStart[x + 1]; k++) {
        const e = adjEdge[k];
        const y = adjOther[k];
        const by = this.queues.find(y);
        if (this.label[by] === S_LABEL) this.addSEdge(e, x, b);
        else this.dropSEdge(e, y, by);
      }
    }
  }

  private removeT(b: number): void {
    this.label[b] = UNLABELED;
    if (b >= this.n) {
      this.delta4.remove(b);
      this.blossomDual[b] -= this.deltaSum;
    }
    this.dualOffset[b] += this.deltaSum;
    this.refreshDelta2(b);
  }

  // ---- Alternating trees ----

  private treeAdd(tree: number, b: number): void {
    const head = this.treeHead[tree];
    this.treeOf[b] = tree;
    this.treePrev[b] = -1;
    this.treeNext[b] = head;
    if (head >= 0) this.treePrev[head] = b;
    this.treeHead[tree] = b;
  }

  private treeRemove(b: number): void {
    const prev = this.treePrev[b];
    const next = this.treeNext[b];
    if (prev >= 0) this.treeNext[prev] = next;
    else this.treeHead[this.treeOf[b]] = next;
    if (next >= 0) this.treePrev[next] = prev;
    this.treeOf[b] = -1;
    this.treeFrom[b] = -1;
    this.treeTo[b] = -1;
  }

  /** Unlabels every blossom of a tree (after an augmentation through its root). */
  private removeTree(tree: number): void {
    let b = this.treeHead[tree];
    while (b >= 0) {
      const next = this.treeNext[b];
      if (this.label[b] === S_LABEL) this.removeS(b);
      else this.removeT(b);
      this.treeOf[b] = -1;
      this.treeFrom[b] = -1;
      this.treeTo[b] = -1;
      b = next;
    }
    this.treeHead[tree] = -1;
  }

  /** Tight edge x -> y from an S-vertex to an unlabeled blossom: label it T and its mate's blossom S. */
  private extendToT(x: number, y: number): void {
    const bx = this.queues.find(x);
    let by = this.queues.find(y);
    // A blossom with zero dual would be expanded as a T-blossom right away; skip that step.
    while (by >= this.n && this.blossomDual[by] === 0) {
      this.expandUnlabeled(by);
      this.release(by);
      by = this.queues.find(y);
    }
    this.assignT(by);
    this.treeFrom[by] = x;
    this.treeTo[by] = y;
    this.treeAdd(this.treeOf[bx], by);
    this.extendToS(this.mate[this.base[by]]);
  }

  /** The unlabeled blossom holding x, matched to a T-vertex, becomes an S-blossom of the same tree. */
  private extendToS(x: number): void {
    const bx = this.queues.find(x);
    const y = this.mate[x];
    this.assignS(bx);
    this.treeFrom[bx] = y;
    this.treeTo[bx] = x;
    this.treeAdd(this.treeOf[this.queues.find(y)], bx);
  }

  /** Tight edge between S-vertices of different blossoms: a new blossom, or an augmenting path. */
  private joinSVertices(x: number, y: number): void {
    const treeX = this.treeOf[this.queues.find(x)];
    const treeY = this.treeOf[this.queues.find(y)];
    const { path, isCycle } = this.traceToCommonAncestor(x, y);
    if (isCycle) {
      this.makeBlossom(path);
      return;
    }
    this.removeTree(treeX);
    this.removeTree(treeY);
    this.augment(path);
  }

  /**
   * Walks up the alternating tree(s) from x and from y in turns, so the work is bounded by the
   * size of the blossom found. Returns the cycle through the first common blossom (starting and
   * ending there), or the path between the two roots when there is none.
   */
  private traceToCommonAncestor(x0: number, y0: number): { path: AlternatingPath; isCycle: boolean } {
    const { queues, marked, treeFrom, treeTo } = this;
    const markedList: number[] = [];
    let side = { from: [x0], to: [y0] };
    let other = { from: [y0], to: [x0] };
    let x = x0;
    let y = y0;
    let common = -1;
    while (x !== -1 || y !== -1) {
      const bx = queues.find(x);
      if (marked[bx]) {
        common = bx;
        break;
      }
      marked[bx] = 1;
      markedList.push(bx);
      if (treeTo[bx] < 0) {
        x = -1;
      } else {
        side.from.push(treeFrom[bx]);
        side.to.push(treeTo[bx]);
        x = treeFrom[bx];
      }
      if (y !== -1) {
        [x, y] = [y, x];
        [side, other] = [other, side];
      }
    }
    for (const b of markedList) marked[b] = 0;
    if (common >= 0) {
      while (queues.find(other.from[other.from.length - 1]) !== common) {
        other.from.pop();
        other.to.pop();
      }
    }
    // Reverse one side and flip the other's edges (skipping the shared edge) into one path.
    const from: number[] = [];
    const to: number[] = [];
    for (let i = side.from.length - 1; i >= 0; i--) {
      from.push(side.from[i]);
      to.push(side.to[i]);
    }
    for (let i = 1; i < other.from.length; i++) {
      from.push(other.to[i]);
      to.push(other.from[i]);
    }
    return { path: { from, to }, isCycle: common >= 0 };
  }

  // ---- Blossoms ----

  /** The cycle's top-level blossoms (T ones relabeled S first) become one new S-blossom. */
  private makeBlossom(path: AlternatingPath): void {
    const { queues, label } = this;
    const subs = path.from.map((x) => queues.find(x));
    for (const sub of subs) {
      if (label[sub] === T_LABEL) {
        this.removeT(sub);
        this.assignS(sub);
      }
      label[sub] = UNLABELED;
      if (sub >= this.n) this.blossomDual[sub] += this.deltaSum;
    }
    const b = this.freeIds.pop() as number;
    const first = subs[0];
    const tree = this.treeOf[first];
    const treeFrom = this.treeFrom[first];
    const treeTo = this.treeTo[first];
    for (const sub of subs) {
      this.parent[sub] = b;
      this.treeRemove(sub);
    }
    this.inUse[b] = 1;
    this.subs[b] = subs;
    this.subFrom[b] = path.from;
    this.subTo[b] = path.to;
    this.mergeOrder[b] = subs.slice();
    this.parent[b] = -1;
    this.base[b] = this.base[first];
    this.label[b] = S_LABEL;
    this.blossomDual[b] = -this.deltaSum;
    this.dualOffset[b] = 0;
    this.treeAdd(tree, b);
    this.treeFrom[b] = treeFrom;
    this.treeTo[b] = treeTo;
    queues.merge(b, subs);
  }

  /** Sub-blossoms of unlabeled top-level blossom b become unlabeled top-level blossoms. */
  private expandUnlabeled(b: number): void {
    this.delta2.remove(b);
    this.queues.split(b, this.mergeOrder[b]);
    const offset = this.dualOffset[b];
    this.dualOffset[b] = 0;
    for (const sub of this.subs[b]) {
      this.parent[sub] = -1;
      this.dualOffset[sub] = offset;
      this.refreshDelta2(sub);
    }
  }

  private release(b: number): void {
    this.inUse[b] = 0;
    this.freeIds.push(b);
  }

  /**
   * T-blossom b's dual reached zero: expand it, keeping in the tree the even-length path of
   * sub-blossoms from where the tree enters b to b's base, labeled T, S, ..., T.
   */
  private expandTBlossom(b: number): void {
    const tree = this.treeOf[b];
    const entryFrom = this.treeFrom[b];
    const entryTo = this.treeTo[b];
    this.treeRemove(b);
    this.removeT(b);
    this.expandUnlabeled(b);

    const entry = this.queues.find(entryTo);
    const path = this.pathToBase(b, this.subs[b].indexOf(entry));
    this.release(b);
    this.assignT(entry);
    this.treeAdd(tree, entry);
    this.treeFrom[entry] = entryFrom;
    this.treeTo[entry] = entryTo;
    for (let p = 0; p < path.from.length; p += 2) {
      // nodes[p] (T) ==matched== nodes[p+1] (S) --tight-- nodes[p+2] (T)
      this.extendToS(path.to[p]);
      const next = path.nodes[p + 2];
      this.assignT(next);
      this.treeAdd(tree, next);
      this.treeFrom[next] = path.from[p + 1];
      this.treeTo[next] = path.to[p + 1];
    }
  }

  /**
   * The even-length alternating path inside blossom b from its sub-blossom at cycle position p to
   * the sub-blossom holding the base (going round whichever way starts with a matched edge).
   */
  private pathToBase(b: number, p: number): PathThroughBlossom {
    const subs = this.subs[b];
    const subFrom = this.subFrom[b];
    const subTo = this.subTo[b];
    const nodes: number[] = [];
    const from: number[] = [];
    const to: number[] = [];
    if (p % 2 === 0) {
      for (let i = p; i >= 0; i--) nodes.push(subs[i]);
      for (let i = p - 1; i >= 0; i--) {
        from.push(subTo[i]);
        to.push(subFrom[i]);
      }
    } else {
      for (let i = p; i < subs.length; i++) {
        nodes.push(subs[i]);
        from.push(subFrom[i]);
        to.push(subTo[i]);
      }
      nodes.push(subs[0]);
    }
    return { nodes, from, to };
  }

  // ---- Augmenting ----

  /** Flips matched and unmatched edges along a path between two roots, inside blossoms too. */
  private augment(path: AlternatingPath): void {
    for (let i = 0; i < path.from.length; i += 2) {
      const x = path.from[i];
      const y = path.to[i];
      const bx = this.queues.find(x);
      if (bx >= this.n) this.augmentBlossom(bx, x);
      const by = this.queues.find(y);
      if (by >= this.n) this.augmentBlossom(by, y);
      this.mate[x] = y;
      this.mate[y] = x;
    }
  }

  /** Makes vertex v the base of blossom `outer`, re-matching along the paths inside (no recursion). */
  private augmentBlossom(outer: number, v: number): void {
    const outers = [outer];
    const starts = [v];
    while (outers.length > 0) {
      const top = outers.pop() as number;
      const sub = starts.pop() as number;
      const b = this.parent[sub];
      if (b !== top) {
        // Re-base the inner blossom holding sub first, then carry on one level up.
        outers.push(top);
        starts.push(b);
      }
      this.rebase(b, sub, outers, starts);
    }
  }

  /**
   * Re-matches along the path from sub-blossom `sub` to the base of blossom b, queueing the
   * sub-blossoms on that path for their own re-basing, and rotates b so `sub` holds its base.
   */
  private rebase(b: number, sub: number, outers: number[], starts: number[]): void {
    const p = this.subs[b].indexOf(sub);
    const path = this.pathToBase(b, p);
    for (let i = 0; i < path.from.length; i += 2) {
      const x = path.from[i + 1];
      const y = path.to[i + 1];
      this.mate[x] = y;
      this.mate[y] = x;
      if (path.nodes[i + 1] >= this.n) {
        outers.push(path.nodes[i + 1]);
        starts.push(x);
      }
      if (path.nodes[i + 2] >= this.n) {
        outers.push(path.nodes[i + 2]);
        starts.push(y);
      }
    }
    this.subs[b] = rotate(this.subs[b], p);
    this.subFrom[b] = rotate(this.subFrom[b], p);
    this.subTo[b] = rotate(this.subTo[b], p);
    this.base[b] = this.base[sub];
  }
}

function rotate(list: number[], p: number): number[] {
  return list.slice(p).concat(list.slice(0, p));
}
