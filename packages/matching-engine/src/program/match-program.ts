import { CRITERIA, type Criterion, type HardConstraint, PAIR_CONSTRAINTS } from '../scoring/criteria';
import { EXHAUSTIVE_LIMIT, candidateAdjacency, candidateEdges, generateCandidates, type CandidateGraph } from '../scoring/candidates';
import { IssueCollector } from '../scoring/input-error';
import { PairScorer } from '../scoring/pair';
import { type Participant, type Role, validateParticipants } from '../scoring/participant';
import { MENTEE, MENTOR, compilePool, type Pool } from '../scoring/pool';
import { type ExistingMatch, type UnmatchedParticipant, countExisting, partitionForRun } from './existing';
import type { ProgramFormat } from '../scoring/settings';
import { type Objective, type ProgramSettings, resolveProgram } from './settings';
import { solveProgram } from './solve';

export interface MatchMember {
  participantId: string;
  role: Role;
}

/** One proposed match with its score, per-criterion contributions and the hard constraints it passed. */
export interface ProposedMatch {
  members: MatchMember[];
  score: number;
  explanation: Partial<Record<Criterion, number>>;
  constraints: HardConstraint[];
}

export interface MatchStats {
  meanScore: number;
  minScore: number;
  /** Participants placed in new matches. */
  matched: number;
  unmatched: number;
  durationMs: number;
  /** Edges of the sparse candidate graph. */
  candidates: number;
}

export interface MatchResult {
  objective: Objective;
  matches: ProposedMatch[];
  unmatched: UnmatchedParticipant[];
  totalScore: number;
  stats: MatchStats;
  /** Things an admin should know about the run, e.g. a fallback taken. */
  warnings: string[];
}

export interface MatchOptions {
  /** Same input and seed give the same result. */
  seed: number;
  /** Active matches: their members stay as they are; mentors keep only their remaining capacity. */
  existing?: readonly ExistingMatch[];
}

/** Checks the run options; returns the existing-match counts per participant id. */
function readOptions(opts: MatchOptions): Map<string, number> {
  const issues = new IssueCollector();
  if (!Number.isSafeInteger(opts.seed)) issues.add('seed', 'must be an integer');
  const used = countExisting(opts.existing, issues);
  issues.throwIfAny();
  return used;
}

/**
 * Proposes matches for a program: validates the input, builds the sparse candidate graph (top-K per person),
 * runs the solver chosen by format and objective, and explains every match. Deterministic for the same
 * settings, participants (in any order) and seed. With `existing`, only people not yet matched (and mentors'
 * spare capacity) take part, so published matches are never disturbed.
 */
export function matchProgram(settings: ProgramSettings, participants: readonly Participant[], opts: MatchOptions): MatchResult {
  const started = performance.now();
  const program = resolveProgram(settings);
  const people = validateParticipants(participants);
  const used = readOptions(opts);
  const partition = partitionForRun(people, settings.format, used);
  const pool = compilePool(partition.open, program.scoring);
  const scorer = new PairScorer(pool, program.scoring);
  // K bounds memory for large pools; a small pool keeps every feasible pair, so the solver sees the
  // whole program and a top-K cut cannot leave someone unmatched who could have been matched.
  const small = program.candidateStrategy === 'auto' && pool.size < EXHAUSTIVE_LIMIT;
  const k = small ? pool.size : program.candidatesPerPerson;
  const lists = generateCandidates(scorer, { k, strategy: program.candidateStrategy, seed: opts.seed });
  const edges = candidateEdges(lists);
  const adjacency = candidateAdjacency(pool.size, edges);
  const solution = solveProgram(scorer, settings.format, edges, adjacency, program, opts.seed);

  const matches = solution.groups.map((group) => describeGroup(scorer, group, settings.format === 'mentoring'));
  matches.sort(compareMatches);
  const unmatched = [...partition.setAside, ...unmatchedAfterSolve(pool, adjacency, solution.groups, used, settings.format)];
  unmatched.sort((x, y) => (x.participantId < y.participantId ? -1 : x.participantId > y.participantId ? 1 : 0));
  const totalScore = matches.reduce((sum, match) => sum + match.score, 0);
  return {
    objective: program.objective,
    matches,
    unmatched,
    totalScore,
    stats: {
      meanScore: matches.length === 0 ? 0 : totalScore / matches.length,
      minScore: matches.reduce((low, match) => Math.min(low, match.score), matches.length === 0 ? 0 : Infinity),
      matched: matches.reduce((sum, match) => sum + match.members.length, 0),
      unmatched: unmatched.length,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      candidates: edges.from.length,
    },
    warnings: solution.warnings,
  };
}

function compareMatches(x: ProposedMatch, y: ProposedMatch): number {
  const length = Math.min(x.members.length, y.members.length);
  for (let i = 0; i < length; i++) {
    const a = x.members[i]?.participantId ?? '';
    const b = y.members[i]?.participantId ?? '';
    if (a !== b) return a < b ? -1 : 1;
  }
  return x.members.length - y.members.length;
}

/**
 * Score and explanation of a pair, or of a circle as the mean over its pairs; a circle passes a constraint when
 * every pair inside it does.
 */
function describeGroup(scorer: PairScorer, group: readonly number[], capacityChecked: boolean): ProposedMatch {
  const pool = scorer.pool;
  const explanation: Partial<Record<Criterion, number>> = {};
  let score = 0;
  let pairs = 0;
  const passedEverywhere = new Set<HardConstraint>(PAIR_CONSTRAINTS);
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const report = scorer.report(group[i] ?? 0, group[j] ?? 0);
      pairs++;
      score += report.score;
      for (const name of CRITERIA) {
        const part = report.explanation[name];
        if (part !== undefined) explanation[name] = (explanation[name] ?? 0) + part;
      }
      for (const name of PAIR_CONSTRAINTS) if (!report.constraints.includes(name)) passedEverywhere.delete(name);
    }
  }
  for (const name of CRITERIA) {
    const part = explanation[name];
    if (part !== undefined) explanation[name] = part / pairs;
  }
  const constraints: HardConstraint[] = PAIR_CONSTRAINTS.filter((name) => passedEverywhere.has(name));
  if (capacityChecked) constraints.push('capacity');
  return {
    members: group.map((p) => ({ participantId: pool.ids[p] ?? '', role: pool.participants[p]?.role ?? 'peer' })),
    score: score / pairs,
    explanation,
    constraints,
  };
}

/** Why each open participant left without a new match ended up so. */
function unmatchedAfterSolve(
  pool: Pool,
  adjacency: CandidateGraph,
  groups: readonly number[][],
  used: ReadonlyMap<string, number>,
  format: ProgramFormat,
): UnmatchedParticipant[] {
  const placed = new Int32Array(pool.size);
  for (const group of groups) for (const p of group) placed[p] = (placed[p] ?? 0) + 1;
  const degree = (p: number): number => (adjacency.offsets[p + 1] ?? 0) - (adjacency.offsets[p] ?? 0);
  const mentoring = format === 'mentoring';
  let withCandidates = 0;
  const leftOver: number[] = [];
  const unmatched: UnmatchedParticipant[] = [];
  for (let p = 0; p < pool.size; p++) {
    if (degree(p) > 0) withCandidates++;
    if ((placed[p] ?? 0) > 0 || (used.get(pool.ids[p] ?? '') ?? 0) > 0) continue;
    const participantId = pool.ids[p] ?? '';
    if (degree(p) === 0) {
      unmatched.push({ participantId, reason: 'no-feasible-partner' });
    } else if (mentoring && pool.role[p] === MENTEE && allPartnersFull(pool, adjacency, placed, p)) {
      unmatched.push({ participantId, reason: 'capacity-exhausted' });
    } else {
      leftOver.push(p);
    }
  }
  // in a pairing format, one person left over from an odd pool is left over by arithmetic, not by choice
  const oddPool = format === 'peer' && leftOver.length === 1 && withCandidates % 2 === 1;
  for (const p of leftOver) unmatched.push({ participantId: pool.ids[p] ?? '', reason: oddPool ? 'odd-pool' : 'not-chosen' });
  return unmatched;
}

function allPartnersFull(pool: Pool, adjacency: CandidateGraph, placed: Int32Array, p: number): boolean {
  for (let i = adjacency.offsets[p] ?? 0; i < (adjacency.offsets[p + 1] ?? 0); i++) {
    const mentor = adjacency.partners[i] ?? 0;
    if (pool.role[mentor] === MENTOR && (placed[mentor] ?? 0) < (pool.capacity[mentor] ?? 0)) return false;
  }
  return true;
}
