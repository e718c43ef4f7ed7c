import { seedGroups } from './greedy-seeding';
import { improveGroups } from './local-search';
import { planGroups } from './group-plan';
import { buildScoreGraph, type ScoreGraph } from './score-graph';
import { randomPermutation, seededRandom } from './seeded-random';
import { circlesUpperBound } from './upper-bound';
import type { Grouping } from './grouping';

export interface CirclesInput {
  /** People are 0..n-1. */
  readonly n: number;
  /** Target circle size (at least 2). */
  readonly k: number;
  /** neighbours[i]: candidate ids for i (e.g. its top-K); scores[i] the parallel pair scores in [0, 1]. */
  readonly neighbours: readonly Int32Array[];
  readonly scores: readonly Float64Array[];
  /** The same seed gives the same circles. */
  readonly seed: number;
  /** Local-search passes at most (a pass visits everyone once); default 100, 0 keeps the greedy start. */
  readonly maxIterations?: number;
}

export interface CirclesResult {
  /** Every person exactly once; each group sorted, groups ordered by their smallest member. */
  readonly groups: number[][];
  /** Sum of the scores of all pairs that share a group. */
  readonly total: number;
  /** See circlesUpperBound: no grouping can score more. */
  readonly upperBound: number;
  /** (upperBound - total) / upperBound, 0 when the bound is 0. */
  readonly gap: number;
}

const DEFAULT_PASSES = 100;

/**
 * Forms circles of about k people maximising the summed within-group pair scores.
 * Sizes: see planGroups (everyone placed; sizes within [max(2, k-1), k+1] whenever n allows it).
 * Scores: a pair missing from both lists scores 0; listed on one side it has that score; listed on
 * both, the larger. Method: greedy seeding from a seeded random order, then move/swap local search;
 * deterministic for the same input and seed.
 */
export function formCircles(input: CirclesInput): CirclesResult {
  const { n, k, seed } = input;
  const maxPasses = input.maxIterations ?? DEFAULT_PASSES;
  if (!Number.isInteger(maxPasses) || maxPasses < 0) throw new RangeError(`maxIterations = ${maxPasses} is not a non-negative integer`);
  const plan = planGroups(n, k);
  const graph = buildScoreGraph(n, input.neighbours, input.scores);
  const random = seededRandom(seed);
  const grouping = seedGroups(graph, plan, randomPermutation(n, random));
  improveGroups(graph, plan, grouping, random, maxPasses);
  const total = groupedScore(graph, grouping);
  const upperBound = circlesUpperBound(graph, plan);
  return { groups: grouping.toLists(), total, upperBound, gap: upperBound > 0 ? (upperBound - total) / upperBound : 0 };
}

/** Recomputed from scratch rather than from the search's running gains, so no rounding drift. */
function groupedScore(graph: ScoreGraph, grouping: Grouping): number {
  let total = 0;
  for (let i = 0; i < graph.size; i++) {
    for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
      const j = graph.targets[e];
      if (j > i && grouping.groupOf[j] === grouping.groupOf[i]) total += graph.scores[e];
    }
  }
  return total;
}
