import { solveCapacitated } from '../assignment';
import { formCircles } from '../circles';
import { maxWeightMatching } from '../general';
import { hospitalsResidents, stableRoommates } from '../stable';
import type { CandidateEdges, CandidateGraph } from '../scoring/candidates';
import type { PairScorer } from '../scoring/pair';
import { MENTEE, MENTOR, type Pool } from '../scoring/pool';
import type { ResolvedProgram } from './settings';

/** What a solver chose: groups of pool indices (pairs, or circles) and notes for the run. */
export interface Solution {
  groups: number[][];
  warnings: string[];
}

function rowOf(graph: CandidateGraph, p: number): Int32Array {
  return graph.partners.subarray(graph.offsets[p] ?? 0, graph.offsets[p + 1] ?? 0);
}

/** Numbers the pool's mentees (rows) and mentors (columns) in pool order, which is id order. */
function mentoringSides(pool: Pool): { mentees: number[]; mentors: number[]; side: Int32Array } {
  const mentees: number[] = [];
  const mentors: number[] = [];
  const side = new Int32Array(pool.size).fill(-1);
  for (let p = 0; p < pool.size; p++) {
    if (pool.role[p] === MENTEE) side[p] = mentees.push(p) - 1;
    else if (pool.role[p] === MENTOR) side[p] = mentors.push(p) - 1;
  }
  return { mentees, mentors, side };
}

/** Mentoring, optimal: maximum-score assignment with mentor capacities (min-cost flow). */
function optimalMentoring(pool: Pool, edges: CandidateEdges, program: ResolvedProgram): Solution {
  const { mentees, mentors, side } = mentoringSides(pool);
  const count = edges.from.length;
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  for (let e = 0; e < count; e++) {
    const a = edges.from[e] ?? 0;
    const b = edges.to[e] ?? 0;
    const mentee = pool.role[a] === MENTEE ? a : b;
    from[e] = side[mentee] ?? 0;
    to[e] = side[mentee === a ? b : a] ?? 0;
  }
  const capacities = Int32Array.from(mentors, (mentor) => pool.capacity[mentor] ?? 0);
  const { rowToCol } = solveCapacitated({
    rows: mentees.length,
    cols: mentors.length,
    capacities,
    edges: { from, to, weight: edges.scores },
    cardinalityFirst: program.cardinalityFirst,
  });
  const groups: number[][] = [];
  rowToCol.forEach((col, row) => {
    if (col >= 0) groups.push([mentors[col] ?? 0, mentees[row] ?? 0]);
  });
  return { groups, warnings: [] };
}

/** Mentoring, stable: mentee-proposing deferred acceptance with capacities on score-ranked candidate lists. */
function stableMentoring(pool: Pool, adjacency: CandidateGraph): Solution {
  const { mentees, mentors, side } = mentoringSides(pool);
  const toSide = (list: Int32Array): number[] => Array.from(list, (q) => side[q] ?? 0);
  const { residentToHospital } = hospitalsResidents({
    residentPrefs: mentees.map((mentee) => toSide(rowOf(adjacency, mentee))),
    hospitalPrefs: mentors.map((mentor) => toSide(rowOf(adjacency, mentor))),
    capacities: mentors.map((mentor) => pool.capacity[mentor] ?? 0),
  });
  const groups: number[][] = [];
  residentToHospital.forEach((hospital, resident) => {
    if (hospital >= 0) groups.push([mentors[hospital] ?? 0, mentees[resident] ?? 0]);
  });
  return { groups, warnings: [] };
}

function pairsFromMates(mate: Int32Array): number[][] {
  const groups: number[][] = [];
  mate.forEach((partner, p) => {
    if (partner > p) groups.push([p, partner]);
  });
  return groups;
}

/** Blossom duals are exact on integers: scores go in as integer millionths. */
const SCORE_UNITS = 1_000_000;

/** Peers, optimal: maximum-weight matching on the general candidate graph. */
function optimalPeers(pool: Pool, edges: CandidateEdges, program: ResolvedProgram): Solution {
  const { mate } = maxWeightMatching(
    pool.size,
    { u: edges.from, v: edges.to, w: edges.scores.map((score) => Math.round(score * SCORE_UNITS)) },
    { maxCardinality: program.cardinalityFirst },
  );
  return { groups: pairsFromMates(mate), warnings: [] };
}

/**
 * Peers, stable: Irving's stable roommates on score-ranked lists. Lists ranked by one symmetric score (ties by
 * id) always admit a stable matching; should the solver still report none, the run falls back to the optimal
 * matching and says so in a warning.
 */
function stablePeers(pool: Pool, edges: CandidateEdges, adjacency: CandidateGraph, program: ResolvedProgram): Solution {
  const prefs = Array.from({ length: pool.size }, (_, p) => Array.from(rowOf(adjacency, p)));
  const outcome = stableRoommates(prefs);
  if (outcome.stable) return { groups: pairsFromMates(outcome.mate), warnings: [] };
  const fallback = optimalPeers(pool, edges, program);
  return { groups: fallback.groups, warnings: [`no stable matching exists (${outcome.reason}); used the optimal matching instead`] };
}

/**
 * Circles: groups of about the program's circle size with high within-group scores, among the people who have at
 * least one feasible partner. The grouping sees only candidate pairs, so a circle may still hold a pair that breaks
 * a hard constraint; such circles are repaired by dropping the member with the most conflicts until none is left.
 */
function circles(scorer: PairScorer, adjacency: CandidateGraph, program: ResolvedProgram, seed: number): Solution {
  const pool = scorer.pool;
  const members: number[] = [];
  const local = new Int32Array(pool.size).fill(-1);
  for (let p = 0; p < pool.size; p++) {
    if ((adjacency.offsets[p + 1] ?? 0) > (adjacency.offsets[p] ?? 0)) local[p] = members.push(p) - 1;
  }
  const neighbours = members.map((p) => rowOf(adjacency, p).map((q) => local[q] ?? 0));
  const scores = members.map((p) => adjacency.scores.slice(adjacency.offsets[p] ?? 0, adjacency.offsets[p + 1] ?? 0));
  const { groups } = formCircles({ n: members.length, k: program.circleSize, neighbours, scores, seed });
  const kept: number[][] = [];
  const dropped: number[] = [];
  for (const group of groups) {
    const circle = group.map((i) => members[i] ?? 0).sort((x, y) => x - y);
    const clean = withoutConflicts(scorer, circle);
    dropped.push(...circle.filter((p) => !clean.includes(p)));
    kept.push(clean);
  }
  const unplaced = reinsert(scorer, adjacency, kept, dropped.sort((x, y) => x - y), program.circleSize + 1);
  const circlesFormed = kept.filter((circle) => circle.length >= 2);
  const alone = kept.reduce((count, circle) => count + (circle.length < 2 ? circle.length : 0), unplaced);
  const warnings = alone > 0 ? [`${alone} participant(s) left out of circles so that no circle breaks a hard constraint`] : [];
  return { groups: circlesFormed, warnings };
}

/**
 * Puts each dropped member into the circle with room (below `maxSize`) where they conflict with nobody and add
 * the most score, looking only at circles that hold one of their candidates; returns how many found none.
 */
function reinsert(scorer: PairScorer, adjacency: CandidateGraph, circles: number[][], dropped: readonly number[], maxSize: number): number {
  const circleOf = new Int32Array(scorer.pool.size).fill(-1);
  circles.forEach((circle, index) => circle.forEach((p) => (circleOf[p] = index)));
  let unplaced = 0;
  for (const p of dropped) {
    let best = -1;
    let bestGain = -1;
    for (const q of rowOf(adjacency, p)) {
      const index = circleOf[q] ?? -1;
      const circle = circles[index];
      if (circle === undefined || circle.length >= maxSize || index === best) continue;
      let gain = 0;
      for (const member of circle) {
        const score = scorer.evaluate(p, member, true);
        if (score < 0) {
          gain = -1;
          break;
        }
        gain += score;
      }
      if (gain > bestGain || (gain === bestGain && index < best)) {
        best = index;
        bestGain = gain;
      }
    }
    const circle = circles[best];
    if (circle === undefined || bestGain < 0) {
      unplaced++;
      continue;
    }
    const at = circle.findIndex((q) => q > p);
    circle.splice(at < 0 ? circle.length : at, 0, p);
    circleOf[p] = best;
  }
  return unplaced;
}

/** Drops members (most conflicts first, then the highest index) until every pair in the circle is feasible. */
function withoutConflicts(scorer: PairScorer, circle: number[]): number[] {
  for (;;) {
    const conflicts = circle.map((p) => circle.filter((q) => q !== p && scorer.evaluate(p, q, true) < 0).length);
    const worst = conflicts.reduce((best, count, i) => (count >= (conflicts[best] ?? 0) ? i : best), 0);
    if ((conflicts[worst] ?? 0) === 0) return circle;
    circle = circle.filter((_, i) => i !== worst);
  }
}

/** Runs the solver the program's format and objective call for. */
export function solveProgram(
  scorer: PairScorer,
  format: 'mentoring' | 'peer' | 'circle',
  edges: CandidateEdges,
  adjacency: CandidateGraph,
  program: ResolvedProgram,
  seed: number,
): Solution {
  const pool = scorer.pool;
  if (format === 'circle') return circles(scorer, adjacency, program, seed);
  if (format === 'mentoring') return program.objective === 'optimal' ? optimalMentoring(pool, edges, program) : stableMentoring(pool, adjacency);
  return program.objective === 'optimal' ? optimalPeers(pool, edges, program) : stablePeers(pool, edges, adjacency, program);
}
