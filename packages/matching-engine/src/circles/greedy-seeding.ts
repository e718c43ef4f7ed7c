import type { GroupPlan } from './group-plan';
import { Grouping } from './grouping';
import type { ScoreGraph } from './score-graph';

/**
 * Fills the groups one after another to their planned sizes. Each group starts from the next
 * unplaced person in `order` and then takes, again and again, the unplaced person with the highest
 * summed score to its current members (ties: lowest id); when no unplaced person has a positive
 * score to the group, the next unplaced person in `order` joins.
 */
export function seedGroups(graph: ScoreGraph, plan: GroupPlan, order: Int32Array): Grouping {
  const n = graph.size;
  const grouping = new Grouping(n, plan);
  const pull = new Float64Array(n); // summed score of an unplaced person to the group being built
  const candidates: number[] = [];
  let cursor = 0;
  const nextInOrder = (): number => {
    while (grouping.groupOf[order[cursor]] >= 0) cursor++;
    return order[cursor];
  };

  for (let g = 0; g < plan.groupCount; g++) {
    candidates.length = 0;
    let person = nextInOrder();
    for (let filled = 0; filled < plan.initialSizes[g]; filled++) {
      grouping.add(person, g);
      for (let e = graph.offsets[person]; e < graph.offsets[person + 1]; e++) {
        const j = graph.targets[e];
        if (grouping.groupOf[j] >= 0) continue;
        if (pull[j] === 0) candidates.push(j);
        pull[j] += graph.scores[e];
      }
      person = -1;
      let bestPull = 0;
      for (const j of candidates) {
        if (grouping.groupOf[j] >= 0) continue;
        if (pull[j] > bestPull || (pull[j] === bestPull && j < person)) {
          bestPull = pull[j];
          person = j;
        }
      }
      if (person < 0 && filled + 1 < plan.initialSizes[g]) person = nextInOrder();
    }
    for (const j of candidates) pull[j] = 0;
  }
  return grouping;
}
