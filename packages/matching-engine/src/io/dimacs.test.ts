import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { maxWeightMatching, solveMaxWeightMatching, verifyDualCertificate } from '../general';
import { parseDimacsEdges, parseMatchingOut } from './dimacs';

const dataRoot = process.env.TANDEM_MATCHING_DATA ?? fileURLToPath(new URL('../../../../../shared/data/matching', import.meta.url));
const instanceFolder = join(dataRoot, 'general-matching-vanrantwijk');
const instances = existsSync(instanceFolder) ? readdirSync(instanceFolder).filter((name) => name.endsWith('.edge')).sort() : [];

const TRIANGLE_AND_EDGE = `c a triangle plus a pendant edge
p edge 4 4
e 1 2 8
e 1 3 9
e 2 3 10

e 3 4 7
`;

describe('parseDimacsEdges', () => {
  it('reads an inline file into 0-based edges', () => {
    const { n, edges } = parseDimacsEdges(TRIANGLE_AND_EDGE);
    expect(n).toBe(4);
    expect(Array.from(edges.u)).toEqual([0, 0, 1, 2]);
    expect(Array.from(edges.v)).toEqual([1, 2, 2, 3]);
    expect(Array.from(edges.w)).toEqual([8, 9, 10, 7]);
    expect(maxWeightMatching(n, edges).total).toBe(15);
  });

  it('counts a missing weight as 1 and accepts CRLF line ends', () => {
    const { edges } = parseDimacsEdges('p edge 2 1\r\ne 1 2\r\n');
    expect(Array.from(edges.w)).toEqual([1]);
  });

  it('rejects malformed files with the line number', () => {
    expect(() => parseDimacsEdges('e 1 2 3\n')).toThrow(/line 1: edge before/);
    expect(() => parseDimacsEdges('p edge 2 1\ne 1 3 1\n')).toThrow(/line 2: "3" is not a vertex/);
    expect(() => parseDimacsEdges('p edge 2 2\ne 1 2 1\n')).toThrow(/2 edges announced but 1 found/);
    expect(() => parseDimacsEdges('p edge 2 1\ne 1 2 x\n')).toThrow(/not a number/);
    expect(() => parseDimacsEdges('c nothing\n')).toThrow(/no "p edge/);
  });
});

describe('parseMatchingOut', () => {
  it('reads the total and 0-based pairs', () => {
    expect(parseMatchingOut('s 23546254436\nm 1 2\nm 3 4\n')).toEqual({
      total: 23546254436,
      pairs: [
        [0, 1],
        [2, 3],
      ],
    });
  });

  it('requires the total line', () => {
    expect(() => parseMatchingOut('m 1 2\n')).toThrow(/no "s TOTAL"/);
    expect(() => parseMatchingOut('s 1\nq\n')).toThrow(/line 2/);
  });
});

// The public instance set with known optima, read from the shared data folder when it is there.
describe.skipIf(instances.length === 0)('van Rantwijk instances', () => {
  it.each(instances)('%s: optimum reached, with a valid dual certificate', (file) => {
    const { n, edges } = parseDimacsEdges(readFileSync(join(instanceFolder, file), 'utf8'));
    const known = parseMatchingOut(readFileSync(join(instanceFolder, file.replace(/\.edge$/, '.out')), 'utf8'));
    const { mate, total, certificate } = solveMaxWeightMatching(n, edges);
    expect(total).toBe(known.total);
    expect(verifyDualCertificate(n, edges, mate, certificate)).toEqual([]);
  }, 30_000);
});
