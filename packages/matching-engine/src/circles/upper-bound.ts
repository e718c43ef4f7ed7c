import type { GroupPlan } from './group-plan';
import type { ScoreGraph } from './score-graph';

/**
 * An upper bound on the total within-group score of any grouping allowed by `plan`.
 *
 * Summing, over every person, the scores to their group mates counts each pair twice, and a person
 * in a group of size s has at most their s-1 best scores there. Write a_i[r] for person i's r-th best
 * score (0-based). Person i collects a_i[r] only when their group has at least r+2 members, and at
 * most N_{r+2} people are in such groups, where N_t = Σ_{s≥t} s·x_s for the counts x_s of groups of
 * each size. So, for a size mix x,
 *   2·total ≤ Σ_r (sum of the N_{r+2} largest values a_·[r]),
 * and the bound is half the maximum of this over every size mix the plan allows (at most three
 * sizes, so one free count). It is never above the sum of all pair scores either.
 */
export function circlesUpperBound(graph: ScoreGraph, plan: GroupPlan): number {
  const n = graph.size;
  if (plan.groupCount === 0) return 0;
  const levels = plan.maxSize - 1;
  // prefix[r][c] = sum of the c largest r-th best scores over all people.
  const prefix: Float64Array[] = [];
  for (let r = 0; r < levels; r++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = graph.offsets[i] + r;
      values[i] = e < graph.offsets[i + 1] ? graph.scores[e] : 0;
    }
    values.sort().reverse();
    const sums = new Float64Array(n + 1);
    for (let c = 0; c < n; c++) sums[c + 1] = sums[c] + values[c];
    prefix.push(sums);
  }
  let best = 0;
  for (const mix of sizeMixes(n, plan)) {
    let twice = 0;
    for (let r = 0; r < levels; r++) {
      let people = 0;
      for (let s = Math.max(r + 2, plan.minSize); s <= plan.maxSize; s++) people += s * (mix.get(s) ?? 0);
      twice += prefix[r][people];
    }
    best = Math.max(best, twice);
  }
  let allPairs = 0;
  for (const s of graph.scores) allPairs += s;
  return Math.min(best, allPairs) / 2;
}

/** Every way to have plan.groupCount groups with sizes in [minSize, maxSize] (at most 3 values) summing to n. */
function* sizeMixes(n: number, plan: GroupPlan): Generator<Map<number, number>> {
  const { groupCount: g, minSize: lo, maxSize: hi } = plan;
  const extra = n - lo * g; // members beyond lo in every group
  if (hi === lo) {
    yield new Map([[lo, g]]);
  } else if (hi === lo + 1) {
    yield new Map([
      [lo, g - extra],
      [hi, extra],
    ]);
  } else {
    for (let top = Math.max(0, extra - g); 2 * top <= extra; top++) {
      const middle = extra - 2 * top; // the start of the loop keeps middle + top <= g
      yield new Map([
        [lo, g - middle - top],
        [lo + 1, middle],
        [hi, top],
      ]);
    }
  }
}
