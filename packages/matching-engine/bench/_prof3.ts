import { readFileSync } from 'node:fs';
import { parseOrLibSparse } from '../src/io/orlib';
import { solveSparseAssignment } from '../src/assignment/index';
const { edges } = parseOrLibSparse(readFileSync('/work/shared/data/matching/or-library/assignp5000.txt', 'utf8'));
for (let r = 0; r < 20; r++) { const t = performance.now(); solveSparseAssignment(5000, 5000, edges); if (r % 5 === 0) console.log((performance.now() - t).toFixed(1)); }
