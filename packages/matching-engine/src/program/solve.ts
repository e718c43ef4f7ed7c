import { solveCapacitated } from '../assignment';
import { formCircles } from '../circles';
import { maxWeightMatching } from '../general';
import { hospitalsResidents, stableRoommates } from '../stable';
import type { CandidateEdges, CandidateGraph } from '../scoring/candidates';
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

/** Peers, optimal: maximum-weight matching on the general candidate graph. */
function optimalPeers(pool: Pool, edges: CandidateEdges, program: ResolvedProgram): Solution {
  const { mate } = maxWeightMatching(
    pool.size,
    { u: edges.from, v: edges.to, w: edges.scores },
    { maxCardinality: program.cardinalityFirst },
  );
  return { groups: pairsFromMates(mate), warnings: [] };
}

/**
 * Peers, stable: Irving's stable roommates on score-ranked lists. When no stable matching exists the run falls
 * back to the optimal matching and says so in a warning.
 */
function stablePeers(pool: Pool, edges: CandidateEdges, adjacency: CandidateGraph, program: ResolvedProgram): Solution {
  const prefs = Array.from({ length: pool.size }, (_, p) => Array.from(rowOf(adjacency, p)));
  const outcome = stableRoommates(prefs);
  if (outcome.stable) return { groups: pairsFromMates(outcome.mate), warnings: [] };
  const fallback = optimalPeers(pool, edges, program);
  return { groups: fallback.groups, warnings: [`no stable matching exists (${outcome.reason}); used the optimal matching instead`] };
}

/** Circles: groups of the program's circle size with high within-group scores. */
function circles(pool: Pool, adjacency: CandidateGraph, program: ResolvedProgram, seed: number): Solution {
  const neighbours: Int32Array[] = [];
  const scores: Float64Array[] = [];
  for (let p = 0; p < pool.size; p++) {
    const from = adjacency.offsets[p] ?? 0;
    const to = adjacency.offsets[p + 1] ?? 0;
    neighbours.push(adjacency.partners.slice(from, to));
    scores.push(adjacency.scores.slice(from, to));
  }
  const { groups } = formCircles({ n: pool.size, k: program.circleSize, neighbours, scores, seed });
  return { groups: groups.map((group) => [...group].sort((x, y) => x - y)), warnings: [] };
}

/** Runs the solver the program's format and objective call for. */
export function solveProgram(
  pool: Pool,
  format: 'mentoring' | 'peer' | 'circle',
  edges: CandidateEdges,
  adjacency: CandidateGraph,
  program: ResolvedProgram,
  seed: number,
): Solution {
  if (format === 'circle') return circles(pool, adjacency, program, seed);
  if (format === 'mentoring') return program.objective === 'optimal' ? optimalMentoring(pool, edges, program) : stableMentoring(pool, adjacency);
  return program.objective === 'optimal' ? optimalPeers(pool, edges, program) : stablePeers(pool, edges, adjacency, program);
}
