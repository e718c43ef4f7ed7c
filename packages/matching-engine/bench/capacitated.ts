/**
 * Capacitated mentoring assignment benchmark (solveCapacitated): random instances where each mentee has
 * K distinct random candidate mentors with uniform [0, 1) scores and every mentor has capacity 4.
 *
 * 1. Correctness at smaller sizes against references in the same run (on the benchmark's shape and on
 *    a sparser one where cardinalityFirst changes the answer): scipy
 *    min_weight_full_bipartite_matching on the slot-expanded problem (one column per mentor slot plus an
 *    "unmatched" column per mentee), and networkx min-cost flow (network simplex, scores scaled to
 *    integers) on a small instance; both for plain maximum score and for cardinalityFirst.
 * 2. Time and memory at full size (default 100k mentees x 25k mentors, capacity 4, K = 20).
 *
 * Run from the repo root: pnpm exec tsx packages/matching-engine/bench/capacitated.ts
 * Env: BENCH_CAP_MENTEES (default 100000), BENCH_CAP_CHECK_MENTEES (scipy check, default 20000),
 *      BENCH_CAP_NX_MENTEES (networkx check, default 1000). Mentors = mentees / 4 throughout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveCapacitated, type CapacitatedInput } from '../src/assignment';

const CAPACITY = 4;
const CANDIDATES = 20;

/** Deterministic uniform [0, 1) generator (xorshift32). */
function uniformRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

interface Shape {
  mentees: number;
  mentors: number;
  candidates: number;
}

function randomInstance({ mentees, mentors, candidates }: Shape, seed: number): CapacitatedInput {
  const perMentee = Math.min(candidates, mentors);
  const random = uniformRandom(seed);
  const from = new Int32Array(mentees * perMentee);
  const to = new Int32Array(mentees * perMentee);
  const weight = new Float64Array(mentees * perMentee);
  const chosen = new Int32Array(mentors).fill(-1);
  let e = 0;
  for (let i = 0; i < mentees; i++) {
    for (let t = 0; t < perMentee; t++) {
      let j = Math.floor(random() * mentors);
      while (chosen[j] === i) j = Math.floor(random() * mentors);
      chosen[j] = i;
      from[e] = i;
      to[e] = j;
      weight[e++] = random();
    }
  }
  return { rows: mentees, cols: mentors, capacities: new Int32Array(mentors).fill(CAPACITY), edges: { from, to, weight } };
}

/** The benchmark's shape: capacity for every mentee, CANDIDATES candidates each. */
const roomyShape = (mentees: number): Shape => ({ mentees, mentors: Math.floor(mentees / CAPACITY), candidates: CANDIDATES });
/** Only 2 candidates each: some mentees cannot be placed, and cardinalityFirst changes the answer. */
const tightShape = (mentees: number): Shape => ({ mentees, mentors: Math.floor(mentees / CAPACITY), candidates: 2 });

interface Outcome {
  ms: number;
  score: number;
  matched: number;
}

/** Wall time and this process's CPU time (user + system), which other load on the machine inflates less. */
function solveOurs(input: CapacitatedInput, cardinalityFirst: boolean): Outcome & { cpuMs: number } {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = solveCapacitated({ ...input, cardinalityFirst });
  const cpu = process.cpuUsage(cpuStart);
  const ms = performance.now() - start;
  const matched = result.rowToCol.reduce((n, j) => n + (j >= 0 ? 1 : 0), 0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, score: result.total, matched };
}

const scipyReference = `
import sys, time, json, numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching
path, rows, cols, cap, cardinality_first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1"
raw = np.fromfile(path, dtype='<f8').reshape(3, -1)
frm, to, score = raw[0].astype(np.int64), raw[1].astype(np.int64), raw[2]
# Columns: mentor slots j * cap + s, then one "unmatched" column per mentee. Every row is matched
# exactly once, so the constant 2 per row only shifts the total; costs stay strictly positive.
slots = cols * cap
r = np.concatenate([np.repeat(frm, cap), np.arange(rows)])
c = np.concatenate([(to[:, None] * cap + np.arange(cap)).ravel(), slots + np.arange(rows)])
unmatched = 2.0 + (2.0 * (rows + 1) if cardinality_first else 0.0)
w = np.concatenate([np.repeat(2.0 - score, cap), np.full(rows, unmatched)])
m = csr_matrix((w, (r, c)), shape=(rows, slots + rows))
t = time.perf_counter(); ri, ci = min_weight_full_bipartite_matching(m); ms = (time.perf_counter() - t) * 1000
real = ci < slots
print(json.dumps({"ms": ms, "score": float((2.0 - np.asarray(m[ri[real], ci[real]]).ravel()).sum()), "matched": int(real.sum())}))
`;

const networkxReference = `
import sys, time, json, numpy as np, networkx as nx
path, rows, cols, cap, cardinality_first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1"
raw = np.fromfile(path, dtype='<f8').reshape(3, -1)
SCALE = 10**9
g = nx.DiGraph()
for i in range(rows): g.add_edge("s", ("m", i), capacity=1, weight=0)
for j in range(cols): g.add_edge(("t", j), "t", capacity=cap, weight=0)
for f, t, s in zip(raw[0].astype(int), raw[1].astype(int), raw[2]):
    g.add_edge(("m", int(f)), ("t", int(t)), capacity=1, weight=-round(s * SCALE))
start = time.perf_counter()
if cardinality_first:
    flow = nx.max_flow_min_cost(g, "s", "t")
else:
    # Flow of every mentee, either through a mentor or straight through a zero-cost bypass.
    g.add_edge("s", "t", capacity=rows, weight=0)
    g.nodes["s"]["demand"] = -rows
    g.nodes["t"]["demand"] = rows
    flow = nx.min_cost_flow(g)
ms = (time.perf_counter() - start) * 1000
matched, score = 0, 0.0
for f, t, s in zip(raw[0].astype(int), raw[1].astype(int), raw[2]):
    if flow[("m", int(f))][("t", int(t))] > 0:
        matched += 1; score += float(s)
print(json.dumps({"ms": ms, "score": score, "matched": matched}))
`;

function runPython(script: string, input: CapacitatedInput, cardinalityFirst: boolean, scratch: string): Outcome | null {
  const file = join(scratch, 'edges.f64');
  const { from, to, weight } = input.edges;
  const packed = new Float64Array(3 * weight.length);
  packed.set(Float64Array.from(from), 0);
  packed.set(Float64Array.from(to), weight.length);
  packed.set(weight, 2 * weight.length);
  writeFileSync(file, packed);
  const args = [file, String(input.rows), String(input.cols), String(CAPACITY), cardinalityFirst ? '1' : '0'];
  const run = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(file);
  if (run.status !== 0) {
    console.log(`  (python reference unavailable: ${(run.stderr || String(run.error)).trim().split('\n').pop()})`);
    return null;
  }
  return JSON.parse(run.stdout) as Outcome;
}

function checkAgainst(name: string, script: string, shape: Shape, scratch: string): void {
  const input = randomInstance(shape, 7 + shape.mentees);
  const size = `${shape.mentees} x ${shape.mentors}, ${shape.candidates} candidates`;
  for (const cardinalityFirst of [false, true]) {
    const ours = solveOurs(input, cardinalityFirst);
    const reference = runPython(script, input, cardinalityFirst, scratch);
    const agrees =
      reference !== null &&
      (!cardinalityFirst || ours.matched === reference.matched) &&
      Math.abs(ours.score - reference.score) <= 1e-6 * Math.max(1, reference.score);
    console.log(
      `  ${name.padEnd(8)} ${size.padEnd(30)} cardinalityFirst=${String(cardinalityFirst).padEnd(5)}  ` +
        `ours ${ours.ms.toFixed(0).padStart(5)} ms, score ${ours.score.toFixed(6)}, matched ${ours.matched}  |  ` +
        (reference === null
          ? 'reference skipped'
          : `${name} ${reference.ms.toFixed(0).padStart(5)} ms, score ${reference.score.toFixed(6)}, matched ${reference.matched}  ${agrees ? 'AGREE' : 'DIFFER'}`),
    );
  }
}

function benchFullSize(mentees: number): void {
  const input = randomInstance(roomyShape(mentees), 2024);
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `\nFull size: ${mentees} mentees x ${input.cols} mentors, capacity ${CAPACITY}, ${input.edges.from.length} candidate pairs`,
  );
  for (const cardinalityFirst of [false, true]) {
    const ours = solveOurs(input, cardinalityFirst);
    const memory = process.memoryUsage();
    console.log(
      `  cardinalityFirst=${String(cardinalityFirst).padEnd(5)}  wall ${(ours.ms / 1000).toFixed(1)} s  cpu ${(ours.cpuMs / 1000).toFixed(1)} s  score ${ours.score.toFixed(3)}  ` +
        `matched ${ours.matched}  heapUsed ${mib(memory.heapUsed)}  arrayBuffers ${mib(memory.arrayBuffers)}  rss ${mib(memory.rss)}  ` +
        `peak rss ${mib(process.resourceUsage().maxRSS * 1024)}`,
    );
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'tandem-capacitated-bench-'));
try {
  console.log('Correctness against references (same instance, same run)');
  const networkxMentees = Number(process.env.BENCH_CAP_NX_MENTEES ?? 1000);
  const scipyMentees = Number(process.env.BENCH_CAP_CHECK_MENTEES ?? 20000);
  checkAgainst('networkx', networkxReference, tightShape(networkxMentees), scratch);
  checkAgainst('scipy', scipyReference, tightShape(scipyMentees), scratch);
  checkAgainst('scipy', scipyReference, roomyShape(scipyMentees), scratch);
  benchFullSize(Number(process.env.BENCH_CAP_MENTEES ?? 100_000));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
