// Runs every public instance with a known answer (OR-Library assignment, van Rantwijk general matching,
// published stable-matching examples) through the engine's public functions and prints one line per instance.
// Data folder: $TANDEM_MATCHING_DATA, else ../shared/data/matching beside the repository. Exits 1 on any mismatch.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  hospitalsResidents,
  maxWeightMatching,
  parseDimacsEdges,
  parseMatchingOut,
  parseOrLibDense,
  parseOrLibSparse,
  solveDenseAssignment,
  solveSparseAssignment,
  stableRoommates,
} from '../src';

const repositoryRoot = resolve(import.meta.dirname, '../../..');
const dataDir = process.env.TANDEM_MATCHING_DATA ?? resolve(repositoryRoot, '../shared/data/matching');

/** Optimal costs of the sparse OR-Library files, as published with the data (assignopt.txt lists only dense). */
const SPARSE_OPTIMA: Readonly<Record<string, number>> = { assignp800: 2239, assignp1500: 5839, assignp3000: 18696, assignp5000: 48533 };

interface Outcome {
  name: string;
  expected: string;
  got: string;
  /** Answers that are right as well (an instance with several stable matchings accepts any of them). */
  accepted: readonly string[];
  ms: number;
}

async function timed(name: string, expected: string, run: () => Promise<string> | string, accepted: readonly string[] = []): Promise<Outcome> {
  const started = performance.now();
  const got = await run();
  return { name, expected, got, accepted, ms: performance.now() - started };
}

async function orLibrary(dir: string): Promise<Outcome[]> {
  const optima = new Map<string, number>();
  for (const line of (await readFile(join(dir, 'assignopt.txt'), 'utf8')).split('\n')) {
    const [name, value] = line.trim().split(/\s+/);
    if (name?.startsWith('assign') && value !== undefined && Number.isFinite(Number(value))) optima.set(name, Number(value));
  }
  for (const [name, value] of Object.entries(SPARSE_OPTIMA)) optima.set(name, value);
  const outcomes: Outcome[] = [];
  const files = (await readdir(dir)).filter((file) => /^assignp?\d+\.txt$/.test(file)).sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  for (const file of files) {
    const name = file.replace('.txt', '');
    const text = await readFile(join(dir, file), 'utf8');
    outcomes.push(
      await timed(name, String(optima.get(name) ?? '?'), () => {
        if (name.startsWith('assignp')) {
          const { n, edges } = parseOrLibSparse(text);
          return String(solveSparseAssignment(n, n, edges).total);
        }
        const { n, costs } = parseOrLibDense(text);
        return String(solveDenseAssignment(costs, n, n).total);
      }),
    );
  }
  return outcomes;
}

async function generalMatching(dir: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const files = (await readdir(dir)).filter((file) => file.endsWith('.edge')).sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  for (const file of files) {
    const name = file.replace('.edge', '');
    const { total: expected } = parseMatchingOut(await readFile(join(dir, `${name}.out`), 'utf8'));
    const { n, edges } = parseDimacsEdges(await readFile(join(dir, file), 'utf8'));
    outcomes.push(await timed(name, String(expected), () => String(maxWeightMatching(n, edges).total)));
  }
  return outcomes;
}

type Prefs = Record<string, string[]>;

/** Names to 0-based ids, in the order the instance lists them. */
function numbering(names: readonly string[]): Map<string, number> {
  return new Map(names.map((name, index) => [name, index]));
}

/** Compact, order-independent text of a matching: "a-b c-d" with sorted pairs. */
function describePairs(pairs: [string, string][]): string {
  return pairs.map(([x, y]) => `${x}-${y}`).sort().join(' ') || '(empty)';
}

interface MarriageInstance {
  name: string;
  suitor_prefs: Prefs;
  reviewer_prefs: Prefs;
  expected_suitor_optimal: Record<string, string>;
}

interface RoommatesInstance {
  name: string;
  prefs: Prefs;
  expected: Record<string, string> | null;
  all_stable_matchings_bruteforce: Record<string, string>[];
}

interface HospitalsInstance {
  name: string;
  resident_prefs: Prefs;
  hospital_prefs: Prefs;
  capacities: Record<string, number>;
  expected_resident_optimal: Record<string, string[]>;
}

/** Resident-optimal stable matching as hospital -> residents pairs (stable marriage is every capacity 1). */
function solveHospitals(residentPrefs: Prefs, hospitalPrefs: Prefs, capacities: Record<string, number>): [string, string][] {
  const residents = Object.keys(residentPrefs);
  const hospitals = Object.keys(hospitalPrefs);
  const residentId = numbering(residents);
  const hospitalId = numbering(hospitals);
  const { residentToHospital } = hospitalsResidents({
    residentPrefs: residents.map((r) => (residentPrefs[r] ?? []).map((h) => hospitalId.get(h) ?? -1)),
    hospitalPrefs: hospitals.map((h) => (hospitalPrefs[h] ?? []).map((r) => residentId.get(r) ?? -1)),
    capacities: hospitals.map((h) => capacities[h] ?? 1),
  });
  const pairs: [string, string][] = [];
  residentToHospital.forEach((h, r) => {
    if (h >= 0) pairs.push([hospitals[h] ?? '?', residents[r] ?? '?']);
  });
  return pairs;
}

async function stableExamples(file: string): Promise<Outcome[]> {
  const doc = JSON.parse(await readFile(file, 'utf8')) as {
    stable_marriage: MarriageInstance[];
    stable_roommates: RoommatesInstance[];
    hospital_resident: HospitalsInstance[];
  };
  const outcomes: Outcome[] = [];
  for (const instance of doc.stable_marriage) {
    const expected = describePairs(Object.entries(instance.expected_suitor_optimal).map(([suitor, reviewer]) => [reviewer, suitor]));
    const capacities = Object.fromEntries(Object.keys(instance.reviewer_prefs).map((reviewer) => [reviewer, 1]));
    outcomes.push(await timed(instance.name, expected, () => describePairs(solveHospitals(instance.suitor_prefs, instance.reviewer_prefs, capacities))));
  }
  for (const instance of doc.stable_roommates) {
    const names = Object.keys(instance.prefs);
    const id = numbering(names);
    const roommates = (mates: Record<string, string>) => describePairs(Object.entries(mates).filter(([x, y]) => x < y));
    const expected = instance.expected === null ? 'no stable matching' : roommates(instance.expected);
    const accepted = instance.all_stable_matchings_bruteforce.map(roommates);
    outcomes.push(
      await timed(instance.name, expected, () => {
        const outcome = stableRoommates(names.map((name) => (instance.prefs[name] ?? []).map((other) => id.get(other) ?? -1)));
        if (!outcome.stable) return 'no stable matching';
        const pairs: [string, string][] = [];
        outcome.mate.forEach((mate, p) => {
          const [x, y] = [names[p] ?? '?', names[mate] ?? '?'];
          if (mate >= 0 && x < y) pairs.push([x, y]);
        });
        return describePairs(pairs);
      }, accepted),
    );
  }
  for (const instance of doc.hospital_resident) {
    const expected = describePairs(Object.entries(instance.expected_resident_optimal).flatMap(([h, rs]) => rs.map((r): [string, string] => [h, r])));
    outcomes.push(await timed(instance.name, expected, () => describePairs(solveHospitals(instance.resident_prefs, instance.hospital_prefs, instance.capacities))));
  }
  return outcomes;
}

async function main(): Promise<number> {
  if (!existsSync(dataDir)) {
    console.log(`matching data not found at ${dataDir} (set TANDEM_MATCHING_DATA); nothing to verify`);
    return 0;
  }
  const sections: [string, () => Promise<Outcome[]>][] = [
    ['or-library', () => orLibrary(join(dataDir, 'or-library'))],
    ['general-matching-vanrantwijk', () => generalMatching(join(dataDir, 'general-matching-vanrantwijk'))],
    ['stable', () => stableExamples(join(dataDir, 'stable', 'small_instances.json'))],
  ];
  let failures = 0;
  for (const [folder, run] of sections) {
    if (!existsSync(join(dataDir, folder))) {
      console.log(`${folder}: not present, skipped`);
      continue;
    }
    for (const outcome of await run()) {
      const ok = outcome.got === outcome.expected || outcome.accepted.includes(outcome.got);
      if (!ok) failures++;
      console.log([outcome.name.padEnd(28), `expected ${outcome.expected}`, `got ${outcome.got}`, ok ? 'ok' : 'FAIL', `${outcome.ms.toFixed(1)} ms`].join('  '));
    }
  }
  console.log(failures === 0 ? 'all instances ok' : `${failures} instance(s) FAILED`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
