/**
 * Stable-matching benchmark on generated instances of the size of a large program:
 *   - hospitals/residents: 100k residents (mentees) each listing 20 of 25k hospitals (mentors,
 *     capacity 4); each hospital ranks everyone who listed it in its own random order (~80 long);
 *   - stable roommates: 100k people on a random graph of ~20 neighbours each, ranked either in
 *     independent random orders (a stable matching may or may not exist; if not, the run stops at
 *     the first emptied list) or by a shared symmetric pair score (a stable matching always exists).
 * Prints build time, solve time (median of a few runs after a warm-up, wall and CPU) and the
 * checker's verdict.
 * Usage: pnpm exec tsx packages/matching-engine/bench/stable.ts [people=100000] [runs=3]
 */
import { seededRandom } from '../src/circles/seeded-random';
import { hospitalsResidents, isStableHR, isStableRoommates, stableRoommates } from '../src/stable';

const people = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);
const listLength = 20;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Median wall and CPU time over `runs` runs after a warm-up (CPU time is steadier on a busy machine). */
function timeMedian<T>(solve: () => T): { wall: number; cpu: number; result: T } {
  let result = solve();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const wallStart = performance.now();
    const cpuStart = cpuMs();
    result = solve();
    walls.push(performance.now() - wallStart);
    cpus.push(cpuMs() - cpuStart);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { wall: median(walls), cpu: median(cpus), result };
}

const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;
const fmtTimes = (t: { wall: number; cpu: number }): string => `${fmt(t.wall)} wall / ${fmt(t.cpu)} cpu`;

function benchHospitalsResidents(): void {
  const random = seededRandom(1);
  const hospitals = Math.floor(people / 4);
  const start = performance.now();
  const residentPrefs: number[][] = [];
  const hospitalPrefs: number[][] = Array.from({ length: hospitals }, () => []);
  for (let r = 0; r < people; r++) {
    const picks = new Set<number>();
    while (picks.size < listLength) picks.add(Math.floor(random() * hospitals));
    residentPrefs.push([...picks]);
    for (const h of picks) hospitalPrefs[h].push(r);
  }
  for (const list of hospitalPrefs) shuffle(list, random);
  const input = { residentPrefs, hospitalPrefs, capacities: new Array<number>(hospitals).fill(4) };
  const built = performance.now() - start;

  const timing = timeMedian(() => hospitalsResidents(input));
  const result = timing.result;
  const checkStart = performance.now();
  const stable = isStableHR(input, result.residentToHospital);
  const checkMs = performance.now() - checkStart;
  const matched = result.residentToHospital.reduce((count, h) => count + (h >= 0 ? 1 : 0), 0);
  console.log(
    `HR ${people} residents x ${hospitals} hospitals (cap 4, lists ${listLength}): build ${fmt(built)}, ` +
      `solve ${fmtTimes(timing)}, check ${fmt(checkMs)}, matched ${matched}, stable ${stable}`,
  );
}

/** ~20 neighbours each: everyone adds 10 random edges, then duplicates are dropped. */
function randomNeighbourGraph(random: () => number): number[][] {
  const neighbours: Set<number>[] = Array.from({ length: people }, () => new Set<number>());
  for (let i = 0; i < people; i++) {
    for (let added = 0; added < listLength / 2; added++) {
      const j = Math.floor(random() * people);
      if (j === i) continue;
      neighbours[i].add(j);
      neighbours[j].add(i);
    }
  }
  return neighbours.map((set) => [...set]);
}

function benchRoommates(ordering: 'random order' | 'shared score'): void {
  const random = seededRandom(ordering === 'random order' ? 2 : 3);
  const start = performance.now();
  const graph = randomNeighbourGraph(random);
  let prefs: number[][];
  if (ordering === 'random order') {
    prefs = graph.map((list) => shuffle(list, random));
  } else {
    // A symmetric score from a hash of the pair, so both sides rank the pair consistently.
    const score = (i: number, j: number): number => {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      return Math.imul(a * 73856093 + b * 19349663, 0x9e3779b1) >>> 0;
    };
    prefs = graph.map((list, i) => list.sort((x, y) => score(i, y) - score(i, x) || x - y));
  }
  const entries = prefs.reduce((sum, list) => sum + list.length, 0);
  const built = performance.now() - start;

  const timing = timeMedian(() => stableRoommates(prefs));
  const result = timing.result;
  let verdict: string;
  if (result.stable) {
    const checkStart = performance.now();
    const stable = isStableRoommates(prefs, result.mate);
    const checkMs = performance.now() - checkStart;
    const matched = result.mate.reduce((count, m) => count + (m >= 0 ? 1 : 0), 0);
    verdict = `check ${fmt(checkMs)}, matched ${matched}, stable ${stable}`;
  } else {
    verdict = `no stable matching (${result.reason})`;
  }
  console.log(
    `SR ${people} people, ${ordering} (${(entries / people).toFixed(1)} avg list): build ${fmt(built)}, solve ${fmtTimes(timing)}, ${verdict}`,
  );
}

console.log(`stable-matching bench, median of ${runs} runs after a warm-up`);
benchHospitalsResidents();
benchRoommates('random order');
benchRoommates('shared score');
