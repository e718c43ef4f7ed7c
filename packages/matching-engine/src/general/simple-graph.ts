/** Undirected weighted edges, 0-based: edge i joins u[i] and v[i] with weight w[i]. */
export interface GraphEdges {
  u: Int32Array;
  v: Int32Array;
  w: Float64Array;
}

/** A graph without self-loops or parallel edges, with the incident edges of each vertex listed. */
export interface SimpleGraph {
  n: number;
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  /** Incident edges of vertex x are adjEdge[adjStart[x] .. adjStart[x + 1]), leading to adjOther[...]. */
  adjStart: Int32Array;
  adjEdge: Int32Array;
  adjOther: Int32Array;
}

/**
 * Checks the input and builds the simple graph the solver runs on: self-loops are dropped, of
 * parallel edges only the heaviest (first on ties) is kept, and so are only edges `keepWeight`
 * accepts. Throws RangeError on a bad vertex count, endpoint or weight.
 */
export function buildSimpleGraph(n: number, edges: GraphEdges, keepWeight: (w: number) => boolean): SimpleGraph {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`vertex count must be a non-negative integer, got ${n}`);
  const { u, v, w } = edges;
  if (u.length !== v.length || u.length !== w.length) {
    throw new RangeError(`edge arrays differ in length: u ${u.length}, v ${v.length}, w ${w.length}`);
  }
  const chosen = new Map<number, number>();
  for (let i = 0; i < u.length; i++) {
    const a = u[i];
    const b = v[i];
    if (a < 0 || a >= n || b < 0 || b >= n) throw new RangeError(`edge ${i} (${a}, ${b}) has an endpoint outside 0..${n - 1}`);
    if (!Number.isFinite(w[i])) throw new RangeError(`edge ${i} has a non-finite weight ${w[i]}`);
    if (a === b || !keepWeight(w[i])) continue;
    const key = a < b ? a * n + b : b * n + a;
    const previous = chosen.get(key);
    if (previous === undefined || w[i] > w[previous]) chosen.set(key, i);
  }

  const m = chosen.size;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const weight = new Float64Array(m);
  const adjStart = new Int32Array(n + 1);
  let e = 0;
  for (const i of [...chosen.values()].sort((x, y) => x - y)) {
    from[e] = u[i];
    to[e] = v[i];
    weight[e] = w[i];
    adjStart[u[i] + 1]++;
    adjStart[v[i] + 1]++;
    e++;
  }
  for (let x = 0; x < n; x++) adjStart[x + 1] += adjStart[x];
  const fill = adjStart.slice(0, n);
  const adjEdge = new Int32Array(2 * m);
  const adjOther = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) {
    adjOther[fill[from[k]]] = to[k];
    adjEdge[fill[from[k]]++] = k;
    adjOther[fill[to[k]]] = from[k];
    adjEdge[fill[to[k]]++] = k;
  }
  return { n, from, to, weight, adjStart, adjEdge, adjOther };
}
