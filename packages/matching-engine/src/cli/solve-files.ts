import { type AssignmentResult, solveDenseAssignment, solveSparseAssignment } from '../assignment';
import { maxWeightMatching } from '../general';
import { parseDimacsEdges } from '../io/dimacs';
import { parseOrLibDense, parseOrLibSparse } from '../io/orlib';

export type OrLibLayout = 'dense' | 'sparse';

/** Pairs and total of a solved file instance; pairs are 1-based as in the file. */
export interface SolvedFile {
  total: number;
  pairs: [number, number][];
}

/**
 * Dense files hold n and then n*n costs; sparse `assignp` files hold n and then `i j c` triples. A file with
 * exactly 1 + n*n numbers reads as dense (a sparse file can only match that count when it lists a third of all
 * pairs; pass the layout explicitly then).
 */
export function detectOrLibLayout(text: string): OrLibLayout {
  const n = Number(/^\s*(\S+)/.exec(text)?.[1]);
  return Number.isInteger(n) && countTokens(text, 2 + n * n) === 1 + n * n ? 'dense' : 'sparse';
}

/** Whitespace-separated tokens in `text`, counted up to `limit` without making a string of any. */
function countTokens(text: string, limit: number): number {
  let count = 0;
  let inToken = false;
  for (let i = 0; i < text.length && count < limit; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13);
    if (!space && !inToken) count++;
    inToken = !space;
  }
  return count;
}

function assignmentOf(text: string, layout: OrLibLayout): AssignmentResult {
  if (layout === 'dense') {
    const { n, costs } = parseOrLibDense(text);
    return solveDenseAssignment(costs, n, n);
  }
  const { n, edges } = parseOrLibSparse(text);
  return solveSparseAssignment(n, n, edges, { full: true });
}

/** Minimum-cost assignment of an OR-Library file. */
export function solveOrLib(text: string, layout: OrLibLayout = detectOrLibLayout(text)): SolvedFile {
  const { rowToCol, total } = assignmentOf(text, layout);
  const pairs: [number, number][] = [];
  rowToCol.forEach((col, row) => {
    if (col >= 0) pairs.push([row + 1, col + 1]);
  });
  return { total, pairs };
}

/** Maximum-weight matching of a DIMACS edge file. */
export function solveDimacs(text: string): SolvedFile {
  const { n, edges } = parseDimacsEdges(text);
  const { mate, total } = maxWeightMatching(n, edges);
  const pairs: [number, number][] = [];
  mate.forEach((partner, v) => {
    if (partner > v) pairs.push([v + 1, partner + 1]);
  });
  return { total, pairs };
}
