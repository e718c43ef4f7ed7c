import type { AssignmentResult } from './types';
import { assertDimension } from './validation';

/**
 * Dense rectangular linear assignment (rows <= cols, every row assigned) by the Jonker–Volgenant method:
 * column reduction and reduction transfer (square only), two rounds of augmenting row reduction, then one
 * shortest augmenting path per remaining free row, each a Dijkstra search over the columns that keeps
 * column prices `v` so that reduced costs stay non-negative.
 *
 * Rectangular problems skip the column reduction: starting from v = 0 and lowering prices only of
 * assigned columns keeps every unassigned column at v = 0, which is what makes the final assignment
 * optimal when some columns stay unused.
 *
 * Costs must be finite (use `solveSparseAssignment` for forbidden pairs). Integer costs give exact
 * integer totals as long as sums stay below 2^53.
 */
export function solveDenseAssignment(
  costs: Float64Array,
  rows: number,
  cols: number,
  opts: { maximize?: boolean } = {},
): AssignmentResult {
  assertDimension('rows', rows);
  assertDimension('cols', cols);
  if (rows > cols) throw new RangeError(`dense assignment needs rows <= cols, got ${rows} x ${cols}`);
  if (costs.length !== rows * cols) {
    throw new RangeError(`costs has length ${costs.length}, expected ${rows} * ${cols} = ${rows * cols}`);
  }
  for (let k = 0; k < costs.length; k++) {
    if (!Number.isFinite(costs[k])) throw new RangeError(`cost at index ${k} is not finite: ${costs[k]}`);
  }
  const working = opts.maximize ? costs.map((c) => -c) : costs;
  const rowToCol = new Int32Array(rows).fill(-1);
  if (rows > 0) solveMinimisation(working, rows, cols, rowToCol);
  let total = 0;
  for (let i = 0; i < rows; i++) total += costs[i * cols + rowToCol[i]];
  return { rowToCol, total };
}

/** Fills `rowsol` with an optimal assignment of the (minimisation) cost matrix `c`. */
function solveMinimisation(c: Float64Array, rows: number, cols: number, rowsol: Int32Array): void {
  if (cols === 1) {
    rowsol[0] = 0;
    return;
  }
  const colsol = new Int32Array(cols).fill(-1);
  const v = new Float64Array(cols);
  const free = rows === cols ? reduceColumns(c, rows, rowsol, colsol, v) : Int32Array.from({ length: rows }, (_, i) => i);
  let numFree = free.length;
  for (let round = 0; round < 2 && numFree > 0; round++) {
    numFree = augmentingRowReduction(c, rows, cols, rowsol, colsol, v, free, numFree);
  }
  augmentFreeRows(c, cols, rowsol, colsol, v, free, numFree);
}

/**
 * Column reduction and reduction transfer for square problems: every column takes the price of its
 * cheapest entry, rows that got exactly one column hand the slack to it. Returns the rows left free.
 */
function reduceColumns(c: Float64Array, n: number, rowsol: Int32Array, colsol: Int32Array, v: Float64Array): Int32Array {
  const matches = new Int32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    let min = c[j];
    let imin = 0;
    for (let i = 1; i < n; i++) {
      const h = c[i * n + j];
      if (h < min) {
        min = h;
        imin = i;
      }
    }
    v[j] = min;
    if (++matches[imin] === 1) {
      rowsol[imin] = j;
      colsol[j] = imin;
    } else if (v[j] < v[rowsol[imin]]) {
      const previous = rowsol[imin];
      rowsol[imin] = j;
      colsol[j] = imin;
      colsol[previous] = -1;
    } else {
      colsol[j] = -1;
    }
  }
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free.push(i);
    } else if (matches[i] === 1) {
      const own = rowsol[i];
      const base = i * n;
      let min = Infinity;
      for (let j = 0; j < n; j++) {
        if (j !== own) {
          const h = c[base + j] - v[j];
          if (h < min) min = h;
        }
      }
      v[own] -= min;
    }
  }
  // A row that collected several columns keeps only its last; the others were already released above.
  return Int32Array.from(free);
}

/**
 * One round of augmenting row reduction: each free row takes its cheapest column and lowers that column's
 * price to its second-cheapest reduced cost, evicting the previous owner. Returns the number of rows still
 * free (stored at the front of `free`). Immediate re-processing of evicted rows is capped so that rounding
 * in tiny price steps cannot stretch the round; capped rows simply wait for the augmenting phase.
 */
function augmentingRowReduction(
  c: Float64Array,
  rows: number,
  cols: number,
  rowsol: Int32Array,
  colsol: Int32Array,
  v: Float64Array,
  free: Int32Array,
  numFree: number,
): number {
  let budget = 4 * rows;
  let k = 0;
  const previous = numFree;
  let stillFree = 0;
  while (k < previous) {
    const i = free[k++];
    const base = i * cols;
    let umin = c[base] - v[0];
    let j1 = 0;
    let usub = Infinity;
    let j2 = -1;
    for (let j = 1; j < cols; j++) {
      const h = c[base + j] - v[j];
      if (h < usub) {
        if (h >= umin) {
          usub = h;
          j2 = j;
        } else {
          usub = umin;
          j2 = j1;
          umin = h;
          j1 = j;
        }
      }
    }
    let i0 = colsol[j1];
    const strict = umin < usub;
    if (strict) {
      v[j1] -= usub - umin;
    } else if (i0 >= 0) {
      j1 = j2;
      i0 = colsol[j2];
    }
    rowsol[i] = j1;
    colsol[j1] = i;
    if (i0 >= 0) {
      if (strict && budget > 0) {
        budget--;
        free[--k] = i0;
      } else {
        free[stillFree++] = i0;
      }
    }
  }
  return stillFree;
}

/** Shortest augmenting path from each free row; columns with equal distance are scanned as one batch. */
function augmentFreeRows(
  c: Float64Array,
  cols: number,
  rowsol: Int32Array,
  colsol: Int32Array,
  v: Float64Array,
  free: Int32Array,
  numFree: number,
): void {
  const d = new Float64Array(cols);
  const pred = new Int32Array(cols);
  const collist = new Int32Array(cols);
  for (let f = 0; f < numFree; f++) {
    const start = free[f];
    const startBase = start * cols;
    for (let j = 0; j < cols; j++) {
      d[j] = c[startBase + j] - v[j];
      pred[j] = start;
      collist[j] = j;
    }
    // collist[0, low) settled, [low, up) at the current minimum, [up, cols) not yet reached at it
    let low = 0;
    let up = 0;
    let last = -1;
    let min = 0;
    let end = -1;
    while (end < 0) {
      if (up === low) {
        last = low - 1;
        min = d[collist[up++]];
        for (let k = up; k < cols; k++) {
          const j = collist[k];
          const h = d[j];
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            collist[k] = collist[up];
            collist[up++] = j;
          }
        }
        for (let k = low; k < up; k++) {
          if (colsol[collist[k]] < 0) {
            end = collist[k];
            break;
          }
        }
      }
      if (end < 0) {
        const j1 = collist[low++];
        const i = colsol[j1];
        const base = i * cols;
        const h = c[base + j1] - v[j1] - min;
        for (let k = up; k < cols; k++) {
          const j = collist[k];
          const candidate = c[base + j] - v[j] - h;
          if (candidate < d[j]) {
            pred[j] = i;
            if (candidate === min) {
              if (colsol[j] < 0) {
                end = j;
                break;
              }
              collist[k] = collist[up];
              collist[up++] = j;
            }
            d[j] = candidate;
          }
        }
      }
    }
    for (let k = 0; k <= last; k++) {
      const j = collist[k];
      v[j] += d[j] - min;
    }
    let j = end;
    for (;;) {
      const i = pred[j];
      colsol[j] = i;
      const next = rowsol[i];
      rowsol[i] = j;
      j = next;
      if (i === start) break;
    }
  }
}
