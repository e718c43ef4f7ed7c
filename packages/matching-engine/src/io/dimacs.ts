import type { GraphEdges } from '../general/simple-graph';

/**
 * Parses a DIMACS edge file: `c` comment lines, one `p edge N M` line, then M lines `e u v w`
 * with 1-based vertices (returned 0-based). A missing weight counts as 1.
 * Throws SyntaxError (with the line number) on anything else.
 */
export function parseDimacsEdges(text: string): { n: number; edges: GraphEdges } {
  let n = -1;
  let m = 0;
  let count = 0;
  let u = new Int32Array(0);
  let v = new Int32Array(0);
  let w = new Float64Array(0);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i].trim().split(/\s+/);
    const where = `line ${i + 1}`;
    if (fields[0] === '' || fields[0] === 'c') continue;
    if (fields[0] === 'p') {
      if (n >= 0) throw new SyntaxError(`${where}: second problem line`);
      if (fields.length !== 4 || fields[1] !== 'edge') throw new SyntaxError(`${where}: expected "p edge N M"`);
      n = count0OrMore(fields[2], where);
      m = count0OrMore(fields[3], where);
      u = new Int32Array(m);
      v = new Int32Array(m);
      w = new Float64Array(m);
    } else if (fields[0] === 'e') {
      if (n < 0) throw new SyntaxError(`${where}: edge before the problem line`);
      if (fields.length !== 3 && fields.length !== 4) throw new SyntaxError(`${where}: expected "e u v w"`);
      if (count === m) throw new SyntaxError(`${where}: more than the ${m} edges announced`);
      u[count] = vertex(fields[1], n, where);
      v[count] = vertex(fields[2], n, where);
      w[count] = fields.length === 4 ? finite(fields[3], where) : 1;
      count++;
    } else {
      throw new SyntaxError(`${where}: unknown line type "${fields[0]}"`);
    }
  }
  if (n < 0) throw new SyntaxError('no "p edge N M" line');
  if (count !== m) throw new SyntaxError(`${m} edges announced but ${count} found`);
  return { n, edges: { u, v, w } };
}

/**
 * Parses a matching answer file: `s TOTAL` and lines `m u v` with 1-based vertices (pairs are
 * returned 0-based); `c` lines are comments.
 */
export function parseMatchingOut(text: string): { total: number; pairs: [number, number][] } {
  let total: number | undefined;
  const pairs: [number, number][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i].trim().split(/\s+/);
    const where = `line ${i + 1}`;
    if (fields[0] === '' || fields[0] === 'c') continue;
    if (fields[0] === 's' && fields.length === 2) total = finite(fields[1], where);
    else if (fields[0] === 'm' && fields.length === 3) pairs.push([vertex(fields[1], Infinity, where), vertex(fields[2], Infinity, where)]);
    else throw new SyntaxError(`${where}: expected "s TOTAL" or "m u v"`);
  }
  if (total === undefined) throw new SyntaxError('no "s TOTAL" line');
  return { total, pairs };
}

function count0OrMore(field: string, where: string): number {
  const value = Number(field);
  if (!Number.isSafeInteger(value) || value < 0) throw new SyntaxError(`${where}: "${field}" is not a count`);
  return value;
}

/** 1-based vertex field to a 0-based index below n. */
function vertex(field: string, n: number, where: string): number {
  const value = Number(field);
  if (!Number.isSafeInteger(value) || value < 1 || value > n) throw new SyntaxError(`${where}: "${field}" is not a vertex 1..${n}`);
  return value - 1;
}

function finite(field: string, where: string): number {
  const value = Number(field);
  if (field === '' || !Number.isFinite(value)) throw new SyntaxError(`${where}: "${field}" is not a number`);
  return value;
}
