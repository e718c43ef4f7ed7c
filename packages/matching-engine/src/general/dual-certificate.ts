import type { GraphEdges } from './simple-graph';

/**
 * Optimal dual solution of the matching LP, which proves a matching optimal (Edmonds): vertex duals
 * u, and duals z >= 0 on a nested family of odd vertex sets (blossoms) with
 * u[x] + u[y] + sum(z of blossoms holding x and y) >= w for every edge, equality on matched edges,
 * and every blossom with z > 0 holding (size - 1) / 2 matched edges.
 */
export interface DualCertificate {
  /** Twice the dual value of each vertex (doubling keeps integer instances in integers). */
  vertexDual2: Float64Array;
  /** Dual value z of each blossom; a blossom is listed after all blossoms inside it. */
  blossomDual: Float64Array;
  /**
   * Parent of vertex v at index v and of blossom j at index n + j: the innermost blossom around it
   * as n + (its index in blossomDual), or -1 when there is none.
   */
  parent: Int32Array;
}

/**
 * Checks that `cert` proves `mate` to be a maximum-weight matching of the graph (or, with
 * maxCardinality, a maximum-weight one for weights w + K where K makes every unmatched vertex's
 * dual zero: together with maximum cardinality this gives the best weight among maximum-cardinality
 * matchings). Self-loops are ignored. Returns the problems found; empty means proven.
 */
export function verifyDualCertificate(
  n: number,
  edges: GraphEdges,
  mate: Int32Array,
  cert: DualCertificate,
  opts: { maxCardinality?: boolean; tolerance?: number } = {},
): string[] {
  const problems: string[] = [];
  const tolerance = opts.tolerance ?? 0;
  const { vertexDual2: u2, blossomDual: z, parent } = cert;
  const nodes = parent.length;
  if (u2.length !== n || nodes !== n + z.length) return [`certificate sizes do not fit ${n} vertices`];
  for (let i = 0; i < nodes; i++) {
    if (parent[i] !== -1 && (parent[i] < n || parent[i] <= i || parent[i] >= nodes)) {
      return [`node ${i} has parent ${parent[i]}, which is not a later blossom`];
    }
  }

  for (let x = 0; x < n; x++) {
    const y = mate[x];
    if (y !== -1 && (y < 0 || y >= n || y === x || mate[y] !== x)) problems.push(`mate of ${x} is ${y}, not symmetric`);
  }

  // Unmatched vertices share the least dual: zero, or (maxCardinality) any common value.
  let floor = opts.maxCardinality ? -Infinity : 0;
  for (let x = 0; x < n; x++) {
    if (mate[x] !== -1) continue;
    if (opts.maxCardinality && floor === -Infinity) floor = u2[x];
    if (Math.abs(u2[x] - floor) > tolerance) problems.push(`unmatched vertex ${x} has dual ${u2[x] / 2}, not ${floor / 2}`);
  }
  for (let x = 0; x < n; x++) {
    if (u2[x] < floor - tolerance) problems.push(`vertex ${x} has dual ${u2[x] / 2} below ${floor / 2}`);
  }
  for (let j = 0; j < z.length; j++) if (z[j] < -tolerance) problems.push(`blossom ${j} has negative dual ${z[j]}`);

  // Dual sum of the blossoms around each node, and depth, filled outermost first.
  const depth = new Int32Array(nodes);
  const zAround = new Float64Array(nodes);
  for (let i = nodes - 1; i >= 0; i--) {
    const p = parent[i];
    const own = i >= n ? z[i - n] : 0;
    depth[i] = p < 0 ? 0 : depth[p] + 1;
    zAround[i] = own + (p < 0 ? 0 : zAround[p]);
  }
  const innermostCommon = (x: number, y: number): number => {
    let a = x;
    let b = y;
    while (a !== b && a >= 0 && b >= 0) {
      if (depth[a] >= depth[b]) a = parent[a];
      else b = parent[b];
    }
    return a === b ? a : -1;
  };

  const matchedSlack = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < edges.u.length; i++) {
    const x = edges.u[i];
    const y = edges.v[i];
    if (x === y) continue;
    const common = innermostCommon(x, y);
    const slack2 = u2[x] + u2[y] - 2 * edges.w[i] + (common >= 0 ? 2 * zAround[common] : 0);
    if (slack2 < -tolerance) problems.push(`edge ${i} (${x}, ${y}) has negative slack ${slack2 / 2}`);
    if (mate[x] === y) {
      const low = Math.min(x, y);
      matchedSlack[low] = Math.min(matchedSlack[low], slack2);
    }
  }
  for (let x = 0; x < n; x++) {
    const y = mate[x];
    if (y > x && Math.abs(matchedSlack[x]) > tolerance) {
      problems.push(matchedSlack[x] === Infinity ? `matched pair (${x}, ${y}) is not an edge` : `matched edge (${x}, ${y}) has slack ${matchedSlack[x] / 2}`);
    }
  }

  // Blossoms with positive dual must be full: all but one vertex matched inside.
  const size = new Float64Array(nodes);
  const matchedInside = new Float64Array(nodes);
  for (let x = 0; x < n; x++) {
    size[x] = 1;
    const y = mate[x];
    if (y > x) {
      const common = innermostCommon(x, y);
      if (common >= 0) matchedInside[common]++;
    }
  }
  for (let i = 0; i < nodes; i++) {
    const p = parent[i];
    if (p >= 0) {
      size[p] += size[i];
      matchedInside[p] += matchedInside[i];
    }
    if (i >= n && z[i - n] > tolerance && size[i] !== 2 * matchedInside[i] + 1) {
      problems.push(`blossom ${i - n} has dual ${z[i - n]} but ${matchedInside[i]} matched edges among ${size[i]} vertices`);
    }
  }
  return problems;
}
