import type { Criterion, HardConstraint } from '../scoring/criteria';
import { IssueCollector, MatchingInputError } from '../scoring/input-error';
import { PairScorer } from '../scoring/pair';
import { type Participant, type Role, validateParticipants } from '../scoring/participant';
import { MENTEE, MENTOR, compilePool } from '../scoring/pool';
import { type ScoringSettings, resolveScoring } from '../scoring/settings';
import { BoundedHeaps } from '../scoring/top-k';
import { type ExistingMatch, countExisting } from './existing';

/** A suggested partner for one participant. */
export interface Suggestion {
  participantId: string;
  role: Role;
  score: number;
  explanation: Partial<Record<Criterion, number>>;
  constraints: HardConstraint[];
}

export interface ManualMatchReport {
  score: number;
  explanation: Partial<Record<Criterion, number>>;
  /** Hard constraints checked and passed. */
  constraints: HardConstraint[];
  /** Hard constraints checked and failed: the admin is matching against them. */
  violations: HardConstraint[];
}

function existingCounts(existing: readonly ExistingMatch[] | undefined): Map<string, number> {
  const issues = new IssueCollector();
  const used = countExisting(existing, issues);
  issues.throwIfAny();
  return used;
}

/** Whether a participant can take one more partner given existing matches. */
function hasRoom(person: Participant, used: ReadonlyMap<string, number>): boolean {
  const limit = person.role === 'mentor' ? (person.capacity ?? 1) : 1;
  return (used.get(person.id) ?? 0) < limit;
}

/**
 * The k best feasible partners for one participant (best first, ties by id), with explanations: for an admin
 * matching by hand. With `existing`, people without room for another match are left out. Scores every
 * possible partner once: O(n).
 */
export function suggestCandidates(
  settings: ScoringSettings,
  participants: readonly Participant[],
  participantId: string,
  k: number,
  opts: { existing?: readonly ExistingMatch[] } = {},
): Suggestion[] {
  const scoring = resolveScoring(settings);
  if (!Number.isInteger(k) || k < 0) throw new MatchingInputError([{ path: 'k', message: 'must be an integer >= 0' }]);
  const people = validateParticipants(participants);
  const used = existingCounts(opts.existing);
  const open = people.filter((person) => person.id === participantId || hasRoom(person, used));
  const pool = compilePool(open, scoring);
  const p = pool.indexOf.get(participantId);
  if (p === undefined) throw new MatchingInputError([{ path: 'participantId', message: `unknown participant "${participantId}"` }]);
  const scorer = new PairScorer(pool, scoring);
  const best = new BoundedHeaps(Int32Array.of(k));
  for (let c = 0; c < pool.size; c++) {
    if (c === p) continue;
    if (scoring.mode === 'mentoring' && (pool.role[p] ?? 0) + (pool.role[c] ?? 0) !== MENTOR + MENTEE) continue;
    const score = scorer.evaluate(p, c, true);
    if (score >= 0) best.offer(0, c, score, c);
  }
  return best.sortedSlots(0).map((slot) => {
    const c = best.partners[slot] ?? 0;
    const report = scorer.report(p, c);
    return {
      participantId: pool.ids[c] ?? '',
      role: pool.participants[c]?.role ?? 'peer',
      score: report.score,
      explanation: report.explanation,
      constraints: report.constraints,
    };
  });
}

/**
 * Scores a pair an admin wants to match by hand and lists the hard constraints it passes and violates. With
 * `existing`, capacity is checked too (a mentor's spare capacity; nobody else may already be matched).
 */
export function scoreManualMatch(
  settings: ScoringSettings,
  a: Participant,
  b: Participant,
  opts: { existing?: readonly ExistingMatch[] } = {},
): ManualMatchReport {
  const scoring = resolveScoring(settings);
  const [first, second] = validateParticipants([a, b], 'pair');
  if (first === undefined || second === undefined) throw new MatchingInputError([{ path: 'pair', message: 'needs two participants' }]);
  const pool = compilePool([first, second], scoring);
  const scorer = new PairScorer(pool, scoring);
  const report = scorer.report(pool.indexOf.get(first.id) ?? 0, pool.indexOf.get(second.id) ?? 0);
  const constraints: HardConstraint[] = [...report.constraints];
  const violations: HardConstraint[] = [...report.violations];
  if (opts.existing !== undefined) {
    const used = existingCounts(opts.existing);
    (hasRoom(first, used) && hasRoom(second, used) ? constraints : violations).push('capacity');
  }
  return { score: report.score, explanation: report.explanation, constraints, violations };
}
