/**
 * Exhaustive reference solver for the property tests: tries every way of giving each row one of its
 * edges (or nothing, when allowed) within column capacities. Exponential, so only for tiny instances.
 */
export interface ReferenceEdge {
  row: number;
  col: number;
  cost: number;
}

export interface ReferenceProblem {
  rows: number;
  capacities: readonly number[];
  edges: readonly ReferenceEdge[];
  /** Every row must be assigned. */
  full: boolean;
  /** Prefer more assigned rows before lower cost. */
  cardinalityFirst?: boolean;
}

/** Optimum as (assigned rows, total cost), or null when a full assignment is required but impossible. */
export function bruteForceOptimum(problem: ReferenceProblem): { assigned: number; cost: number } | null {
  const byRow: ReferenceEdge[][] = Array.from({ length: problem.rows }, () => []);
  for (const edge of problem.edges) byRow[edge.row].push(edge);
  const load = problem.capacities.map(() => 0);
  let best: { assigned: number; cost: number } | null = null;
  const better = (assigned: number, cost: number): boolean => {
    if (best === null) return true;
    if (problem.cardinalityFirst && assigned !== best.assigned) return assigned > best.assigned;
    return cost < best.cost;
  };
  const visit = (row: number, assigned: number, cost: number): void => {
    if (row === problem.rows) {
      if (better(assigned, cost)) best = { assigned, cost };
      return;
    }
    if (!problem.full) visit(row + 1, assigned, cost);
    for (const edge of byRow[row]) {
      if (load[edge.col] < problem.capacities[edge.col]) {
        load[edge.col]++;
        visit(row + 1, assigned + 1, cost + edge.cost);
        load[edge.col]--;
      }
    }
  };
  visit(0, 0, 0);
  return best;
}
