import { solveCapacitated } from '../assignment';

/** `{ kind: "capacitated", scores, capacities, cardinalityFirst? }`: rows are mentees, columns mentors. */
export interface CapacitatedDocument {
  /** scores[row][col]; null marks a forbidden pair. Higher is better. */
  scores: (number | null)[][];
  capacities: number[];
  cardinalityFirst?: boolean;
}

export class CapacitatedJsonError extends Error {
  override readonly name = 'CapacitatedJsonError';
}

/** Checks a parsed JSON document of kind "capacitated" and returns it typed; throws with the offending path. */
export function readCapacitatedDocument(doc: Record<string, unknown>): CapacitatedDocument {
  const { scores, capacities, cardinalityFirst } = doc;
  for (const key of Object.keys(doc)) {
    if (!['kind', 'scores', 'capacities', 'cardinalityFirst'].includes(key)) throw new CapacitatedJsonError(`${key}: unknown field`);
  }
  if (!Array.isArray(capacities) || !capacities.every((c) => Number.isInteger(c) && c >= 0)) {
    throw new CapacitatedJsonError('capacities: expected an array of non-negative integers');
  }
  if (!Array.isArray(scores)) throw new CapacitatedJsonError('scores: expected an array of rows');
  scores.forEach((row: unknown, r) => {
    if (!Array.isArray(row) || row.length !== capacities.length) {
      throw new CapacitatedJsonError(`scores[${r}]: expected ${capacities.length} entries, one per capacity`);
    }
    row.forEach((score: unknown, c) => {
      if (score !== null && (typeof score !== 'number' || !Number.isFinite(score))) {
        throw new CapacitatedJsonError(`scores[${r}][${c}]: expected a number or null`);
      }
    });
  });
  if (cardinalityFirst !== undefined && typeof cardinalityFirst !== 'boolean') {
    throw new CapacitatedJsonError('cardinalityFirst: expected a boolean');
  }
  return { scores: scores as (number | null)[][], capacities: capacities as number[], cardinalityFirst };
}

/** Maximum-score capacitated assignment; pairs are 1-based [row, col]. */
export function solveCapacitatedDocument(doc: CapacitatedDocument): { total: number; pairs: [number, number][] } {
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  doc.scores.forEach((row, r) =>
    row.forEach((score, c) => {
      if (score === null) return;
      from.push(r);
      to.push(c);
      weight.push(score);
    }),
  );
  const { rowToCol, total } = solveCapacitated({
    rows: doc.scores.length,
    cols: doc.capacities.length,
    capacities: Int32Array.from(doc.capacities),
    edges: { from: Int32Array.from(from), to: Int32Array.from(to), weight: Float64Array.from(weight) },
    cardinalityFirst: doc.cardinalityFirst,
  });
  const pairs: [number, number][] = [];
  rowToCol.forEach((col, row) => {
    if (col >= 0) pairs.push([row + 1, col + 1]);
  });
  return { total, pairs };
}
