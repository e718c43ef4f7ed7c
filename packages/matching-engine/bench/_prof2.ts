import { readFileSync } from 'node:fs';
import { parseOrLibSparse } from '../src/io/orlib';
import { solveSparseAssignment } from '../src/assignment/index';
const g = globalThis as unknown as {stats:number[]};
g.stats = [];
const { edges } = parseOrLibSparse(readFileSync('/work/shared/data/matching/or-library/assignp5000.txt', 'utf8'));
solveSparseAssignment(5000, 5000, edges);
const s = g.stats; const sum = s.reduce((a,b)=>a+b,0);
console.log('searches', s.length, 'settled total', sum, 'max', Math.max(...s), 'last 20', s.slice(-20).join(' '));
