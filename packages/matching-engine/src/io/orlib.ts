import type { SparseEdges } from '../assignment/types';

/**
 * Parsers for J.E. Beasley's OR-Library linear assignment files. Both formats are whitespace-separated
 * token streams (line breaks carry no meaning): dense `assignN` holds n and then n * n integer costs row
 * by row; sparse `assignpN` holds n and then `i j c` triples with 1-based row and column.
 */

/** Dense instance: n x n costs, row-major. */
export function parseOrLibDense(text: string): { n: number; costs: Float64Array } {
  const tokens = new NumberTokens(text);
  const n = tokens.nextSize();
  const costs = new Float64Array(n * n);
  for (let k = 0; k < costs.length; k++) costs[k] = tokens.next(`cost ${k + 1} of ${n * n}`);
  tokens.expectEnd();
  return { n, costs };
}

/** Sparse instance: edges with 0-based row (`from`) and column (`to`) and their costs. */
export function parseOrLibSparse(text: string): { n: number; edges: SparseEdges } {
  const tokens = new NumberTokens(text);
  const n = tokens.nextSize();
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  while (!tokens.atEnd()) {
    const triple = from.length + 1;
    from.push(tokens.nextIndex(n, `row of triple ${triple}`));
    to.push(tokens.nextIndex(n, `column of triple ${triple}`));
    weight.push(tokens.next(`cost of triple ${triple}`));
  }
  return { n, edges: { from: Int32Array.from(from), to: Int32Array.from(to), weight: Float64Array.from(weight) } };
}

class NumberTokens {
  private at = 0;

  constructor(private readonly text: string) {
    this.skipSpace();
  }

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  /**
   * The next number. Plain integers (what OR-Library files hold) are read digit by digit without
   * making a string per token; anything else (a fraction, an exponent) goes through Number().
   */
  next(what: string): number {
    if (this.atEnd()) throw new SyntaxError(`OR-Library file ended before ${what}`);
    const text = this.text;
    const start = this.at;
    let i = start;
    let code = text.charCodeAt(i);
    const negative = code === 45; // '-'
    if (negative || code === 43) code = text.charCodeAt(++i);
    let value = 0;
    let digits = 0;
    while (code >= 48 && code <= 57 && digits < 15) {
      value = value * 10 + (code - 48);
      digits++;
      code = text.charCodeAt(++i);
    }
    if (digits > 0 && (i >= text.length || isSpace(code))) {
      this.at = i;
      this.skipSpace();
      return negative ? -value : value;
    }
    while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
    this.at = i;
    const token = text.slice(start, i);
    const parsed = Number(token);
    if (!Number.isFinite(parsed) || token === '') throw new SyntaxError(`OR-Library ${what} is not a number: "${token}"`);
    this.skipSpace();
    return parsed;
  }

  nextSize(): number {
    const n = this.next('the problem size');
    if (!Number.isInteger(n) || n < 0) throw new SyntaxError(`OR-Library problem size must be a non-negative integer, got ${n}`);
    return n;
  }

  /** Reads a 1-based index in 1..n and returns it 0-based. */
  nextIndex(n: number, what: string): number {
    const value = this.next(what);
    if (!Number.isInteger(value) || value < 1 || value > n) {
      throw new SyntaxError(`OR-Library ${what} must be an integer in 1..${n}, got ${value}`);
    }
    return value - 1;
  }

  expectEnd(): void {
    if (!this.atEnd()) throw new SyntaxError('OR-Library file has more numbers than its size announces');
  }

  private skipSpace(): void {
    while (this.at < this.text.length && isSpace(this.text.charCodeAt(this.at))) this.at++;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 12 || code === 11;
}
