import { readFileSync } from 'node:fs';
import { parseOrLibDense, parseOrLibSparse } from '/work/main/packages/matching-engine/src/io/orlib';
import { solveDenseAssignment, solveSparseAssignment } from '/work/main/packages/matching-engine/src/assignment/index';
const dir = '/work/shared/data/matching/or-library/';
for (const n of [100,200,300,400,500,600,700,800]) {
  const { costs } = parseOrLibDense(readFileSync(dir + `assign${n}.txt`, 'utf8'));
  const t = performance.now(); const r = solveDenseAssignment(costs, n, n); console.log('dense', n, r.total, (performance.now()-t).toFixed(1));
  const from = new Int32Array(n*n), to = new Int32Array(n*n); for (let k=0;k<n*n;k++){from[k]=Math.floor(k/n);to[k]=k%n;}
  const t2 = performance.now(); const r2 = solveSparseAssignment(n, n, {from,to,weight:costs}); console.log('  sparse-on-dense', r2.total, (performance.now()-t2).toFixed(1));
}
for (const n of [800,1500,3000,5000]) {
  const { edges } = parseOrLibSparse(readFileSync(dir + `assignp${n}.txt`, 'utf8'));
  for (let rep=0;rep<3;rep++){
  const t = performance.now(); const r = solveSparseAssignment(n, n, edges); console.log('sparse', n, edges.from.length, r.total, (performance.now()-t).toFixed(1));}
}
