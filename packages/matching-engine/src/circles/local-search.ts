import type { GroupPlan } from './group-plan';
import type { Grouping } from './grouping';
import { randomPermutation } from './seeded-random';
import type { ScoreGraph } from './score-graph';

/** Gains below this are treated as zero, so rounding noise cannot make the search cycle. */
const MIN_GAIN = 1e-9;

/**
 * Best-improvement local search. A pass visits everyone in a fresh random order; for person i in
 * group A it considers every group B holding one of i's neighbours (no other group can gain):
 *   - move i to B, when A stays at or above plan.minSize and B at or below plan.maxSize;
 *   - swap i with any member j of B.
 * and applies the best strictly improving change. Stops after a pass without change or after
 * `maxPasses` passes. Returns the number of passes run.
 */
export function improveGroups(
  graph: ScoreGraph,
  plan: GroupPlan,
  grouping: Grouping,
  random: () => number,
  maxPasses: number,
): number {
  const { offsets, targets, scores } = graph;
  const { groupOf, size, members, capacity } = grouping;
  const pull = new Float64Array(plan.groupCount); // summed score from i to each group
  const touchedStamp = new Int32Array(plan.groupCount);
  const touched: number[] = [];
  let stamp = 0;

  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    const order = randomPermutation(graph.size, random);
    for (const i of order) {
      const a = groupOf[i];
      stamp++;
      touched.length = 0;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const g = groupOf[targets[e]];
        if (touchedStamp[g] !== stamp) {
          touchedStamp[g] = stamp;
          pull[g] = 0;
          touched.push(g);
        }
        pull[g] += scores[e];
      }
      const pullA = touchedStamp[a] === stamp ? pull[a] : 0;
      const canLeave = size[a] > plan.minSize;

      let bestGain = MIN_GAIN;
      let bestGroup = -1;
      let bestPartner = -1; // -1: a move, otherwise the person to swap with
      for (const b of touched) {
        if (b === a) continue;
        if (canLeave && size[b] < plan.maxSize && pull[b] - pullA > bestGain) {
          bestGain = pull[b] - pullA;
          bestGroup = b;
          bestPartner = -1;
        }
        for (let m = b * capacity; m < b * capacity + size[b]; m++) {
          const j = members[m];
          let jToA = 0;
          let jToB = 0;
          let pair = 0;
          for (let f = offsets[j]; f < offsets[j + 1]; f++) {
            const h = targets[f];
            const g = groupOf[h];
            if (g === a) {
              jToA += scores[f];
              if (h === i) pair = scores[f];
            } else if (g === b) {
              jToB += scores[f];
            }
          }
          // After the swap i sits in B without j, and j in A without i.
          const gain = pull[b] - pair + (jToA - pair) - pullA - jToB;
          if (gain > bestGain) {
            bestGain = gain;
            bestGroup = b;
            bestPartner = j;
          }
        }
      }
      if (bestGroup < 0) continue;
      changed = true;
      grouping.remove(i);
      if (bestPartner >= 0) {
        grouping.remove(bestPartner);
        grouping.add(bestPartner, a);
      }
      grouping.add(i, bestGroup);
    }
    if (!changed) return pass + 1;
  }
  return maxPasses;
}
