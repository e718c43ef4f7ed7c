import type { SparseEdges } from './types';

export function assertDimension(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** Rejects edge lists whose arrays disagree in length, point outside the matrix or carry non-finite weights. */
export function assertValidEdges(rows: number, cols: number, edges: SparseEdges): void {
  const { from, to, weight } = edges;
  if (from.length !== to.length || from.length !== weight.length) {
    throw new RangeError(`edge arrays differ in length: from ${from.length}, to ${to.length}, weight ${weight.length}`);
  }
  for (let e = 0; e < from.length; e++) {
    const i = from[e];
    const j = to[e];
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw new RangeError(`edge ${e} (${i}, ${j}) lies outside a ${rows} x ${cols} matrix`);
    }
    if (!Number.isFinite(weight[e])) {
      throw new RangeError(`edge ${e} has a non-finite weight ${weight[e]}`);
    }
  }
}
