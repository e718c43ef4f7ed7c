import { readFileSync } from 'node:fs';
import { parseOrLibSparse } from '../src/io/orlib';
import { buildCostGraph } from '../src/assignment/cost-graph';
import { createAssignmentState } from '../src/assignment/assignment-state';
import { reduceRowsWithUnitCapacities } from '../src/assignment/initial-assignment';
import { AugmentingPathSearch } from '../src/assignment/augmenting-path-search';
const dir = '/work/shared/data/matching/or-library/';
for (const n of [800, 5000]) {
  const { edges } = parseOrLibSparse(readFileSync(dir + `assignp${n}.txt`, 'utf8'));
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now();
    const g = buildCostGraph(n, n, edges.from, edges.to, edges.weight);
    const tb = performance.now() - t; t = performance.now();
    const st = createAssignmentState(g, new Int32Array(n).fill(1));
    const free = reduceRowsWithUnitCapacities(st, false);
    const ta = performance.now() - t; t = performance.now();
    const s = new AugmentingPathSearch(st, false);
    for (const r of free) s.placeRow(r);
    const ts = performance.now() - t;
    console.log(n, 'build', tb.toFixed(1), 'arr', ta.toFixed(1), 'free', free.length, 'search', ts.toFixed(1));
  }
}
