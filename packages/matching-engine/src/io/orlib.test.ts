import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { solveDenseAssignment, solveSparseAssignment } from '../assignment';
import { parseOrLibDense, parseOrLibSparse } from './orlib';

describe('parseOrLibDense', () => {
  it('reads n and the costs as one token stream regardless of line breaks', () => {
    const { n, costs } = parseOrLibDense(' 2\n 5 7\n 1\n 3 \n');
    expect(n).toBe(2);
    expect(Array.from(costs)).toEqual([5, 7, 1, 3]);
  });

  it('rejects missing, extra and non-numeric tokens', () => {
    expect(() => parseOrLibDense('2 1 2 3')).toThrow(SyntaxError);
    expect(() => parseOrLibDense('1 1 2')).toThrow(SyntaxError);
    expect(() => parseOrLibDense('1 x')).toThrow(SyntaxError);
    expect(() => parseOrLibDense('-1')).toThrow(SyntaxError);
    expect(() => parseOrLibDense('')).toThrow(SyntaxError);
  });
});

describe('parseOrLibSparse', () => {
  it('turns 1-based triples into 0-based edges', () => {
    const { n, edges } = parseOrLibSparse('3\n 1 2 10\n 3 3 4\r\n');
    expect(n).toBe(3);
    expect(Array.from(edges.from)).toEqual([0, 2]);
    expect(Array.from(edges.to)).toEqual([1, 2]);
    expect(Array.from(edges.weight)).toEqual([10, 4]);
  });

  it('rejects indices outside 1..n and incomplete triples', () => {
    expect(() => parseOrLibSparse('2 0 1 5')).toThrow(SyntaxError);
    expect(() => parseOrLibSparse('2 1 3 5')).toThrow(SyntaxError);
    expect(() => parseOrLibSparse('2 1.5 1 5')).toThrow(SyntaxError);
    expect(() => parseOrLibSparse('2 1 1')).toThrow(SyntaxError);
  });
});

// The public OR-Library instances live beside the checkout; these checks skip when they are absent.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const orLibDir = join(resolve(repoRoot, process.env.TANDEM_MATCHING_DATA ?? '../shared/data/matching'), 'or-library');
const knownOptima: [file: string, optimum: number][] = [
  ['assign100.txt', 305],
  ['assign200.txt', 475],
  ['assign300.txt', 626],
  ['assign400.txt', 804],
  ['assign500.txt', 991],
  ['assign600.txt', 1176],
  ['assign700.txt', 1362],
  ['assign800.txt', 1552],
  ['assignp800.txt', 2239],
  ['assignp1500.txt', 5839],
  ['assignp3000.txt', 18696],
  ['assignp5000.txt', 48533],
];

describe('OR-Library instances reach their known optima', () => {
  for (const [file, optimum] of knownOptima) {
    const path = join(orLibDir, file);
    it.skipIf(!existsSync(path))(file, () => {
      const text = readFileSync(path, 'utf8');
      if (file.startsWith('assignp')) {
        const { n, edges } = parseOrLibSparse(text);
        expect(solveSparseAssignment(n, n, edges).total).toBe(optimum);
      } else {
        const { n, costs } = parseOrLibDense(text);
        expect(solveDenseAssignment(costs, n, n).total).toBe(optimum);
        const all = Int32Array.from({ length: n * n }, (_, k) => k);
        const edges = { from: all.map((k) => Math.floor(k / n)), to: all.map((k) => k % n), weight: costs };
        expect(solveSparseAssignment(n, n, edges).total).toBe(optimum);
      }
    });
  }
});

describe('OR-Library number tokens', () => {
  it('reads integers digit by digit and everything else as Number() would, with the same errors', () => {
    const { costs } = parseOrLibDense('2\n-5 +3\n1.5 1e3');
    expect([...costs]).toEqual([-5, 3, 1.5, 1000]);
    expect([...parseOrLibDense('1 1234567890123456789').costs]).toEqual([Number('1234567890123456789')]);
    expect(() => parseOrLibDense('1 12x')).toThrow('is not a number: "12x"');
    expect(() => parseOrLibDense('1 -')).toThrow('is not a number: "-"');
  });
});
