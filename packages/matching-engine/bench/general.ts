/**
 * General-graph maximum-weight matching benchmark, side by side in the same run with networkx
 * (python3) and npm edmonds-blossom-fixed (an O(n^3) port), each reference run in a child process
 * capped by a timeout:
 *   - random sparse graphs up to n = 10,000 with 50,000 edges (target: under 1 s);
 *   - every instance of general-matching-vanrantwijk/, checked against its known optimum (target:
 *     under 3 s each); skipped with a message when the data folder is absent.
 * Our time is the best of two runs. A reference that timed out is not run again on a larger graph
 * of the same family ("skipped"). Exits 1 if an answer differs from the known optimum.
 * Usage: pnpm exec tsx packages/matching-engine/bench/general.ts [referenceTimeoutSeconds=10]
 * Data: ../shared/data/matching beside the repository, or the folder in TANDEM_MATCHING_DATA.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maxWeightMatching, type GraphEdges } from '../src/general';
import { parseDimacsEdges, parseMatchingOut } from '../src/io/dimacs';

const referenceTimeoutMs = 1000 * Number(process.argv[2] ?? 10);
const dataRoot = process.env.TANDEM_MATCHING_DATA ?? fileURLToPath(new URL('../../../../shared/data/matching', import.meta.url));
const edmondsPath = createRequire(import.meta.url).resolve('edmonds-blossom-fixed');

type Outcome = { ms: number; total: number } | 'timeout' | 'failed' | 'skipped';

/** Per reference and graph family, the smallest vertex count on which the reference timed out. */
const timedOutAt = new Map<string, number>();

/** mulberry32: small, fast, deterministic. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random simple graph (no loops, no parallel edges) with integer or fractional weights. */
function randomGraph(n: number, m: number, integer: boolean, seed: number): GraphEdges {
  const random = seededRandom(seed);
  const seen = new Set<number>();
  const u = new Int32Array(m);
  const v = new Int32Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; ) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    const key = Math.min(a, b) * n + Math.max(a, b);
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    u[i] = a;
    v[i] = b;
    w[i] = integer ? 1 + Math.floor(random() * 1_000_000) : random();
    i++;
  }
  return { u, v, w };
}

function timeOurs(n: number, edges: GraphEdges): { ms: number; total: number } {
  let best = Infinity;
  let total = 0;
  for (let run = 0; run < 2; run++) {
    const start = performance.now();
    total = maxWeightMatching(n, edges).total;
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, total };
}

const NETWORKX = `
import json, sys, time
import networkx as nx
d = json.load(sys.stdin)
g = nx.Graph()
g.add_nodes_from(range(d['n']))
g.add_weighted_edges_from(d['edges'])
start = time.perf_counter()
m = nx.max_weight_matching(g)
ms = 1000 * (time.perf_counter() - start)
print(json.dumps({'ms': ms, 'total': sum(g[a][b]['weight'] for a, b in m)}))
`;

const EDMONDS = `
const blossom = require(process.argv[1]);
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', () => {
  const { edges } = JSON.parse(input);
  const start = performance.now();
  const mate = blossom(edges, false);
  const ms = performance.now() - start;
  let total = 0;
  for (const [u, v, w] of edges) if (mate[u] === v) total += w;
  console.log(JSON.stringify({ ms, total }));
});
`;

function runReference(reference: string, family: string, n: number, edges: GraphEdges): Outcome {
  const key = `${reference} ${family}`;
  if (n >= (timedOutAt.get(key) ?? Infinity)) return 'skipped';
  const [command, args] =
    reference === 'networkx' ? ['python3', ['-c', NETWORKX]] : [process.execPath, ['-e', EDMONDS, edmondsPath]];
  const list = Array.from(edges.u, (u, i) => [u, edges.v[i], edges.w[i]]);
  const child = spawnSync(command, args, {
    input: JSON.stringify({ n, edges: list }),
    encoding: 'utf8',
    timeout: referenceTimeoutMs,
    maxBuffer: 1 << 26,
  });
  if (child.error && 'code' in child.error && child.error.code === 'ETIMEDOUT') {
    timedOutAt.set(key, n);
    return 'timeout';
  }
  if (child.status !== 0) return 'failed';
  return JSON.parse(child.stdout) as { ms: number; total: number };
}

const pad = (text: string, width: number): string => text.padStart(width);
const ms = (value: number): string => `${value.toFixed(0)} ms`;
/** Totals of fractional weights are summed in different orders, so compare those loosely. */
const sameTotal = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const outcome = (result: Outcome, expected: number): string =>
  typeof result === 'string' ? result : `${ms(result.ms)}${sameTotal(result.total, expected) ? '' : ' (total differs)'}`;

function header(): void {
  console.log(
    `${'instance'.padEnd(26)}${pad('n', 7)}${pad('m', 8)}${pad('ours', 10)}${pad('total', 14)}${pad('known optimum', 15)}${pad('networkx', 18)}${pad('edmonds-blossom', 18)}`,
  );
}

function row(name: string, family: string, n: number, edges: GraphEdges, expected?: number): boolean {
  const ours = timeOurs(n, edges);
  const reference = expected ?? ours.total;
  const networkx = runReference('networkx', family, n, edges);
  const edmonds = runReference('edmonds', family, n, edges);
  const known = expected === undefined ? '-' : ours.total === expected ? `${expected} ok` : `${expected} WRONG`;
  console.log(
    `${name.padEnd(26)}${pad(String(n), 7)}${pad(String(edges.u.length), 8)}${pad(ms(ours.ms), 10)}${pad(String(Number(ours.total.toFixed(6))), 14)}` +
      `${pad(known, 15)}${pad(outcome(networkx, reference), 18)}${pad(outcome(edmonds, reference), 18)}`,
  );
  return expected === undefined || ours.total === expected;
}

console.log(`Reference runs are capped at ${referenceTimeoutMs / 1000} s each ("timeout" when exceeded).`);
console.log('\nRandom sparse graphs (target for n=10000, m=50000: under 1 s)');
header();
for (const [n, m] of [
  [1000, 5000],
  [2000, 10000],
  [10000, 50000],
]) {
  row(`random int n=${n}`, 'synthetic', n, randomGraph(n, m, true, n));
}
row('random fractional n=10000', 'synthetic', 10000, randomGraph(10000, 50000, false, 7));

const folder = join(dataRoot, 'general-matching-vanrantwijk');
if (!existsSync(folder)) {
  console.log(`\nSkipping the van Rantwijk instances: ${folder} not found (set TANDEM_MATCHING_DATA).`);
} else {
  console.log('\nvan Rantwijk instances (target: under 3 s each, total equal to the known optimum)');
  header();
  let allRight = true;
  const sizeOf = (name: string): number => Number(/_n(\d+)/.exec(name)?.[1] ?? 0);
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.edge'))
    .sort((a, b) => a.replace(/_n\d.*$/, '').localeCompare(b.replace(/_n\d.*$/, '')) || sizeOf(a) - sizeOf(b));
  for (const file of files) {
    const { n, edges } = parseDimacsEdges(readFileSync(join(folder, file), 'utf8'));
    const expected = parseMatchingOut(readFileSync(join(folder, file.replace(/\.edge$/, '.out')), 'utf8')).total;
    const name = file.replace(/\.edge$/, '');
    allRight = row(name, name.replace(/_n\d.*$/, ''), n, edges, expected) && allRight;
  }
  if (!allRight) process.exitCode = 1;
}
