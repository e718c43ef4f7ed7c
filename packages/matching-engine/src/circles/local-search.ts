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
 *   - swap i with any member j of B;
 * and applies the best strictly improving change. Stops after a pass without change or after
 * `maxPasses` passes. Returns the number of passes run.
 *
 * Every gain is O(1) from three sums: `inner[p]` (p's score to its own group, kept up to date on
 * each change), i's score to each neighbouring group, and each person's score to A without i.
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
  const n = graph.size;
  const inner = new Float64Array(n);
  for (let p = 0; p < n; p++) inner[p] = scoreToGroup(graph, groupOf, p, groupOf[p]);

  // Scratch sums, valid where their stamp equals the current one (no clearing between people).
  const pullToGroup = new Float64Array(plan.groupCount);
  const groupStamp = new Int32Array(plan.groupCount);
  const touchedGroups: number[] = [];
  const pairWithI = new Float64Array(n);
  const pairStamp = new Int32Array(n);
  const toRestOfA = new Float64Array(n);
  const restStamp = new Int32Array(n);
  let stamp = 0;

  // A change is done as detach(s) then attach(es), so a swap never overfills a group even briefly,
  // and `inner` stays right for the people involved and their neighbours.
  const detach = (p: number): void => {
    const from = groupOf[p];
    for (let e = offsets[p]; e < offsets[p + 1]; e++) {
      if (groupOf[targets[e]] === from) inner[targets[e]] -= scores[e];
    }
    grouping.remove(p);
  };
  const attach = (p: number, to: number): void => {
    for (let e = offsets[p]; e < offsets[p + 1]; e++) {
      if (groupOf[targets[e]] === to) inner[targets[e]] += scores[e];
    }
    grouping.add(p, to);
    inner[p] = scoreToGroup(graph, groupOf, p, to);
  };

  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    for (const i of randomPermutation(n, random)) {
      const a = groupOf[i];
      stamp++;
      touchedGroups.length = 0;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const j = targets[e];
        pairWithI[j] = scores[e];
        pairStamp[j] = stamp;
        const g = groupOf[j];
        if (g === a) continue;
        if (groupStamp[g] !== stamp) {
          groupStamp[g] = stamp;
          pullToGroup[g] = 0;
          touchedGroups.push(g);
        }
        pullToGroup[g] += scores[e];
      }
      for (let m = a * capacity; m < a * capacity + size[a]; m++) {
        const mate = members[m];
        if (mate === i) continue;
        for (let e = offsets[mate]; e < offsets[mate + 1]; e++) {
          const h = targets[e];
          if (restStamp[h] !== stamp) {
            restStamp[h] = stamp;
            toRestOfA[h] = 0;
          }
          toRestOfA[h] += scores[e];
        }
      }

      const canLeave = size[a] > plan.minSize;
      let bestGain = MIN_GAIN;
      let bestGroup = -1;
      let bestPartner = -1; // -1: a move, otherwise the person to swap with
      for (const b of touchedGroups) {
        if (canLeave && size[b] < plan.maxSize && pullToGroup[b] - inner[i] > bestGain) {
          bestGain = pullToGroup[b] - inner[i];
          bestGroup = b;
          bestPartner = -1;
        }
        for (let m = b * capacity; m < b * capacity + size[b]; m++) {
          const j = members[m];
          const pair = pairStamp[j] === stamp ? pairWithI[j] : 0;
          const jToRestOfA = restStamp[j] === stamp ? toRestOfA[j] : 0;
          // After the swap i sits in B without j, and j in A without i.
          const gain = pullToGroup[b] - pair + jToRestOfA - inner[i] - inner[j];
          if (gain > bestGain) {
            bestGain = gain;
            bestGroup = b;
            bestPartner = j;
          }
        }
      }
      if (bestGroup < 0) continue;
      changed = true;
      detach(i);
      if (bestPartner >= 0) {
        detach(bestPartner);
        attach(bestPartner, a);
      }
      attach(i, bestGroup);
    }
    if (!changed) return pass + 1;
  }
  return maxPasses;
}

function scoreToGroup(graph: ScoreGraph, groupOf: Int32Array, p: number, group: number): number {
  let sum = 0;
  for (let e = graph.offsets[p]; e < graph.offsets[p + 1]; e++) {
    if (groupOf[graph.targets[e]] === group) sum += graph.scores[e];
  }
  return sum;
}
