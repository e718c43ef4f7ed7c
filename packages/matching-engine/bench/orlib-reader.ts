/**
 * Reading an OR-Library file and solving it, ours against numpy/scipy in the same run: a dense
 * n x n instance of random integer costs (OR-Library layout: n, then the rows) is written to a
 * temporary file; ours times read + parse + solve as `tandem-match solve --format orlib` does
 * (solveOrLib: layout detection, parseOrLibDense, solveDenseAssignment), scipy times np.loadtxt +
 * linear_sum_assignment. The read column is reading and parsing alone.
 *
 * Run from the repo root: pnpm exec tsx packages/matching-engine/bench/orlib-reader.ts [n=2000] [reps=3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveOrLib } from '../src/cli/solve-files';
import { parseOrLibDense } from '../src/io/orlib';

const n = Number(process.argv[2] ?? 2000);
const reps = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'orlib-reader-'));
const file = join(dir, `assign${n}.txt`);
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const rows = Array.from({ length: n }, () => Array.from({ length: n }, () => 1 + Math.floor(random() * 1000)).join(' '));
writeFileSync(file, `${n}\n${rows.join('\n')}\n`);

const scipy = `
import sys, time, json, numpy as np
from scipy.optimize import linear_sum_assignment
path, reps = sys.argv[1], int(sys.argv[2])
best = {"read": float('inf'), "total": float('inf')}
for _ in range(reps):
    t = time.perf_counter(); c = np.loadtxt(path, skiprows=1); r = time.perf_counter() - t
    rows, cols = linear_sum_assignment(c); total = time.perf_counter() - t
    best = {"read": min(best["read"], r * 1000), "total": min(best["total"], total * 1000)}
print(json.dumps({**best, "cost": float(c[rows, cols].sum())}))
`;

try {
  let ours = { read: Infinity, total: Infinity, cost: 0 };
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    parseOrLibDense(readFileSync(file, 'utf8'));
    const t1 = performance.now();
    const solved = solveOrLib(readFileSync(file, 'utf8'));
    const t2 = performance.now();
    ours = { read: Math.min(ours.read, t1 - t0), total: Math.min(ours.total, t2 - t1), cost: solved.total };
  }
  const run = spawnSync('python3', ['-c', scipy, file, String(reps)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python reference failed: ${run.stderr}`);
  const ref = JSON.parse(run.stdout) as { read: number; total: number; cost: number };
  console.table([
    { what: `tandem-match solve --format orlib (in process), n=${n}`, readMs: Math.round(ours.read), totalMs: Math.round(ours.total), cost: ours.cost },
    { what: 'numpy loadtxt + scipy linear_sum_assignment', readMs: Math.round(ref.read), totalMs: Math.round(ref.total), cost: ref.cost },
  ]);
  console.log(`ratio (read + solve): ${(ours.total / ref.total).toFixed(2)}x scipy; same optimum: ${ours.cost === ref.cost}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
