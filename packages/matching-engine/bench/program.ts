/**
 * Program-level matching benchmark on a synthetic population (syntheticParticipants): skewed skill and interest
 * popularity, a dozen time zones, mostly English speakers, a few avoid/prefer wishes and reporting lines.
 *
 * Variants: mentoring (80k mentees x 20k mentors, capacity 3-5, optimal) and peer (100k peers, optimal).
 * For each: (1) candidate generation and scoring alone (validate, compile, top-K index search, edge union) and
 * (2) the full matchProgram run. Prints wall and CPU time, RSS and heap after each phase, and the peak RSS.
 * Quality check at a smaller size: indexed candidate graph vs exhaustive scoring (total score of the final
 * matching with each).
 *
 * Run from the repo root: pnpm exec tsx packages/matching-engine/bench/program.ts
 * Env: BENCH_PROGRAM_SIZE (default 100000), BENCH_PROGRAM_VARIANTS (default "mentoring,peer"),
 *      BENCH_PROGRAM_QUALITY_SIZE (default 4000; 0 skips), BENCH_PROGRAM_K (default 20).
 * Node flag --expose-gc (NODE_OPTIONS=--expose-gc) makes heap figures cleaner.
 */
import {
  PairScorer,
  candidateEdges,
  compilePool,
  generateCandidates,
  matchProgram,
  resolveProgram,
  syntheticParticipants,
  validateParticipants,
  type Participant,
  type ProgramSettings,
} from '../src';

const size = Number(process.env.BENCH_PROGRAM_SIZE ?? 100_000);
const variants = (process.env.BENCH_PROGRAM_VARIANTS ?? 'mentoring,peer').split(',');
const qualitySize = Number(process.env.BENCH_PROGRAM_QUALITY_SIZE ?? 4_000);
const k = Number(process.env.BENCH_PROGRAM_K ?? 20);

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs `work`, printing wall and CPU time and the memory it leaves in use; returns its result. */
function measure<T>(label: string, work: () => T): T {
  collectGarbage();
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const after = process.memoryUsage();
  console.log(
    `  ${label.padEnd(34)} wall ${(wall / 1000).toFixed(2)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s  ` +
      `rss ${mb(after.rss)} (+${mb(after.rss - before.rss)})  heap ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)})  ` +
      `peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  return result;
}

function population(variant: string, people: number): Participant[] {
  return variant === 'mentoring'
    ? syntheticParticipants({ mentees: Math.round(people * 0.8), mentors: Math.round(people * 0.2), seed: 1 })
    : syntheticParticipants({ peers: people, seed: 1 });
}

function settingsFor(variant: string): ProgramSettings {
  return { format: variant === 'mentoring' ? 'mentoring' : 'peer', objective: 'optimal', candidatesPerPerson: k };
}

function candidatePhase(settings: ProgramSettings, people: Participant[]): void {
  const program = resolveProgram(settings);
  const edges = measure('candidates + scoring', () => {
    const valid = validateParticipants(people);
    const pool = compilePool(valid, program.scoring);
    const lists = generateCandidates(new PairScorer(pool, program.scoring), { k, seed: 1 });
    return { lists, edges: candidateEdges(lists) };
  });
  console.log(
    `    ${edges.lists.strategy} search: ${edges.lists.evaluated.toLocaleString('en')} pairs fully scored, ` +
      `${edges.lists.partners.length.toLocaleString('en')} list entries, ${edges.edges.from.length.toLocaleString('en')} candidate edges`,
  );
}

function fullRun(settings: ProgramSettings, people: Participant[]): void {
  const result = measure('matchProgram (full run)', () => matchProgram(settings, people, { seed: 1 }));
  const reasons = new Map<string, number>();
  for (const { reason } of result.unmatched) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  console.log(
    `    ${result.matches.length.toLocaleString('en')} matches, total ${result.totalScore.toFixed(1)}, mean ${result.stats.meanScore.toFixed(4)}, ` +
      `min ${result.stats.minScore.toFixed(4)}, unmatched ${result.unmatched.length.toLocaleString('en')} ` +
      `(${[...reasons].map(([reason, count]) => `${reason} ${count}`).join(', ')}), engine durationMs ${result.stats.durationMs}`,
  );
}

function qualityCheck(variant: string): void {
  const people = population(variant, qualitySize);
  const line = (['exhaustive', 'indexed'] as const).map((candidateStrategy) => {
    const result = matchProgram({ ...settingsFor(variant), candidateStrategy }, people, { seed: 1 });
    return { candidateStrategy, total: result.totalScore, matches: result.matches.length, ms: result.stats.durationMs };
  });
  const [exhaustive, indexed] = line;
  if (exhaustive === undefined || indexed === undefined) return;
  console.log(
    `  quality at ${qualitySize.toLocaleString('en')} people: exhaustive candidates total ${exhaustive.total.toFixed(2)} (${exhaustive.matches} matches, ${exhaustive.ms} ms), ` +
      `indexed ${indexed.total.toFixed(2)} (${indexed.matches} matches, ${indexed.ms} ms) = ${((100 * indexed.total) / exhaustive.total).toFixed(1)}%`,
  );
}

console.log(`program benchmark: ${size.toLocaleString('en')} people, K = ${k}, node ${process.version}${(globalThis as { gc?: unknown }).gc ? ', gc exposed' : ''}`);
for (const variant of variants) {
  const settings = settingsFor(variant);
  console.log(`${variant} (${settings.format}, ${settings.objective})`);
  const people = measure('synthetic population', () => population(variant, size));
  candidatePhase(settings, people);
  fullRun(settings, people);
  if (qualitySize > 0) qualityCheck(variant);
}
