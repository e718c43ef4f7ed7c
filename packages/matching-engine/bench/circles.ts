/**
 * Circles benchmark: n people with a random latent profile (6 dimensions); a pair's score is the
 * cosine similarity of their profiles mapped to [0, 1]; each person keeps their K = 20 best
 * candidates (exact top-K, computed here, not timed). Groups of k = 4.
 * Prints, for the greedy start alone (maxIterations 0) and with local search: wall and CPU time
 * (CPU time is steadier on a busy machine), total score,
 * upper bound, gap, and whether a second run with the same seed gives the same circles.
 * Usage: pnpm exec tsx packages/matching-engine/bench/circles.ts [sizes=1000,10000] [k=4]
 */
import { formCircles } from '../src/circles';
import { seededRandom } from '../src/circles/seeded-random';

const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);
const k = Number(process.argv[3] ?? 4);
const candidatesPerPerson = 20;
const dimensions = 6;

type Candidates = { neighbours: Int32Array[]; scores: Float64Array[] };

/** Structured: nearest profiles; scores cluster near the top of [0, 1]. */
function profileCandidates(n: number, seed: number): Candidates {
  const random = seededRandom(seed);
  const profile = new Float64Array(n * dimensions);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      const value = random() * 2 - 1;
      profile[i * dimensions + d] = value;
      norm += value * value;
    }
    for (let d = 0; d < dimensions; d++) profile[i * dimensions + d] /= Math.sqrt(norm);
  }
  const neighbours: Int32Array[] = [];
  const scores: Float64Array[] = [];
  const all = new Float64Array(n);
  const ids = Array.from({ length: n }, (_, j) => j);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let d = 0; d < dimensions; d++) dot += profile[i * dimensions + d] * profile[j * dimensions + d];
      all[j] = j === i ? -1 : (1 + dot) / 2;
    }
    const best = ids.slice().sort((a, b) => all[b] - all[a] || a - b).slice(0, candidatesPerPerson);
    neighbours.push(Int32Array.from(best));
    scores.push(Float64Array.from(best, (j) => all[j]));
  }
  return { neighbours, scores };
}

/** Unstructured: K random candidates with uniform random scores (top-K lists need not agree). */
function randomCandidates(n: number, seed: number): Candidates {
  const random = seededRandom(seed);
  const neighbours: Int32Array[] = [];
  const scores: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const picks = new Set<number>();
    while (picks.size < Math.min(candidatesPerPerson, n - 1)) {
      const j = Math.floor(random() * n);
      if (j !== i) picks.add(j);
    }
    neighbours.push(Int32Array.from(picks));
    scores.push(Float64Array.from(picks, () => random()));
  }
  return { neighbours, scores };
}

for (const n of sizes) {
  for (const [family, candidates] of [
    ['profiles', profileCandidates(n, n)],
    ['random  ', randomCandidates(n, n)],
  ] as const) {
  for (const maxIterations of [0, undefined]) {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const result = formCircles({ n, k, ...candidates, seed: 7, maxIterations });
    const wall = performance.now() - wallStart;
    const cpuUsed = process.cpuUsage(cpuStart);
    const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
    const again = formCircles({ n, k, ...candidates, seed: 7, maxIterations });
    const sameAgain = JSON.stringify(again.groups) === JSON.stringify(result.groups);
    const sizesSeen = [...new Set(result.groups.map((g) => g.length))].sort().join('/');
    console.log(
      `${family} n=${String(n).padStart(6)} k=${k} K=${candidatesPerPerson} ${maxIterations === 0 ? 'greedy only ' : 'greedy + LS '}` +
        `time ${wall.toFixed(0).padStart(5)} ms wall / ${cpu.toFixed(0).padStart(5)} ms cpu  groups ${result.groups.length} (sizes ${sizesSeen})  ` +
        `total ${result.total.toFixed(1)}  upper bound ${result.upperBound.toFixed(1)}  gap ${(100 * result.gap).toFixed(2)}%  ` +
        `deterministic ${sameAgain}`,
    );
  }
  }
}
