import { describe, expect, it } from 'vitest';
import { verifyDualCertificate, type DualCertificate } from './dual-certificate';
import { solveMaxWeightMatching } from './max-weight-matching';

// A triangle 0-1-2 (weights 8, 9, 10) with a pendant edge 2-3 (7): optimum {0-1, 2-3} = 15.
const graph = { u: Int32Array.of(0, 0, 1, 2), v: Int32Array.of(1, 2, 2, 3), w: Float64Array.of(8, 9, 10, 7) };

const copy = (cert: DualCertificate): DualCertificate => ({
  vertexDual2: cert.vertexDual2.slice(),
  blossomDual: cert.blossomDual.slice(),
  parent: cert.parent.slice(),
});

describe('verifyDualCertificate', () => {
  const { mate, certificate } = solveMaxWeightMatching(4, graph);

  it('accepts the solver certificate', () => {
    expect(verifyDualCertificate(4, graph, mate, certificate)).toEqual([]);
  });

  it('rejects a suboptimal matching', () => {
    const worse = Int32Array.of(-1, 2, 1, -1);
    expect(verifyDualCertificate(4, graph, worse, certificate).length).toBeGreaterThan(0);
  });

  it('rejects duals that leave an edge uncovered or a free vertex with positive dual', () => {
    const low = copy(certificate);
    low.vertexDual2[0] -= 2;
    expect(verifyDualCertificate(4, graph, mate, low).join()).toMatch(/negative slack|below/);
    const high = copy(certificate);
    const free = Int32Array.of(-1, -1, 3, 2);
    expect(verifyDualCertificate(4, graph, free, high).join()).toMatch(/unmatched vertex 0/);
  });

  it('rejects a positive-dual blossom that is not full and a malformed family', () => {
    // Duals 4.5, 3.5, 5.5 on the triangle plus a blossom over it with z = 1 (too little matched inside).
    const cert: DualCertificate = {
      vertexDual2: Float64Array.of(7, 5, 9, 5),
      blossomDual: Float64Array.of(1),
      parent: Int32Array.of(4, 4, 4, -1, -1),
    };
    expect(verifyDualCertificate(4, graph, Int32Array.of(-1, -1, 3, 2), cert).join()).toMatch(/blossom 0 has dual 1/);
    expect(verifyDualCertificate(4, graph, mate, { ...cert, parent: Int32Array.of(4, 4, 4, -1, 2) })).toHaveLength(1);
  });
});
