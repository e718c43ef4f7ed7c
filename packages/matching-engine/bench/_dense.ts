import { solveDenseAssignment } from '../src/assignment/index';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
for (const n of [1000, 2000]) {
  let s = 12345 + n;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const c = new Float64Array(n * n); for (let k = 0; k < c.length; k++) c[k] = rnd();
  writeFileSync('/tmp/me/c.bin', c);
  for (let r = 0; r < 3; r++) { const t = performance.now(); const res = solveDenseAssignment(c, n, n); console.log(n, res.total, (performance.now() - t).toFixed(1)); }
  console.log(execFileSync('python3', ['-c', `
import numpy as np, time
from scipy.optimize import linear_sum_assignment
c=np.fromfile('/tmp/me/c.bin').reshape(${n},${n})
s=time.perf_counter(); r,k=linear_sum_assignment(c); print('scipy', c[r,k].sum(), (time.perf_counter()-s)*1000)`]).toString());
}
