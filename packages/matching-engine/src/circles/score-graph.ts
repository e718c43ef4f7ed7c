/**
 * Symmetric sparse pair scores in CSR form: the neighbours of i are
 * `targets[offsets[i] .. offsets[i + 1])` with `scores` parallel, best first (ties by id).
 * Only positive scores are kept, since a zero score can never change a group's total.
 */
export interface ScoreGraph {
  readonly size: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly scores: Float64Array;
}

/**
 * Builds the symmetric graph from per-person candidate lists. A pair listed on one side only (usual
 * for top-K lists) gets that score; a pair listed twice or on both sides gets the larger value.
 * Throws RangeError for a list of the wrong length, an id out of 0..n-1, a self pair, or a score
 * outside [0, 1].
 */
export function buildScoreGraph(n: number, neighbours: readonly Int32Array[], scores: readonly Float64Array[]): ScoreGraph {
  if (neighbours.length !== n || scores.length !== n) {
    throw new RangeError(`neighbours and scores need ${n} lists, got ${neighbours.length} and ${scores.length}`);
  }
  const degree = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const list = neighbours[i];
    if (scores[i].length !== list.length) {
      throw new RangeError(`scores[${i}] has ${scores[i].length} values for ${list.length} neighbours`);
    }
    for (let p = 0; p < list.length; p++) {
      const j = list[p];
      const s = scores[i][p];
      if (j < 0 || j >= n || j === i) throw new RangeError(`neighbours[${i}][${p}] = ${j} is not another person's id`);
      if (!(s >= 0 && s <= 1)) throw new RangeError(`scores[${i}][${p}] = ${s} is outside [0, 1]`);
      if (s > 0) {
        degree[i]++;
        degree[j]++;
      }
    }
  }
  // Both directions of every listed pair, duplicates still in.
  const rawStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rawStart[i + 1] = rawStart[i] + degree[i];
  const fill = rawStart.slice(0, n);
  const rawTargets = new Int32Array(rawStart[n]);
  const rawScores = new Float64Array(rawStart[n]);
  for (let i = 0; i < n; i++) {
    const list = neighbours[i];
    for (let p = 0; p < list.length; p++) {
      const s = scores[i][p];
      if (s === 0) continue;
      const j = list[p];
      rawTargets[fill[i]] = j;
      rawScores[fill[i]++] = s;
      rawTargets[fill[j]] = i;
      rawScores[fill[j]++] = s;
    }
  }
  return mergeAndSort(n, rawStart, rawTargets, rawScores);
}

/** Keeps the largest score per pair and orders each list best first. */
function mergeAndSort(n: number, rawStart: Int32Array, rawTargets: Int32Array, rawScores: Float64Array): ScoreGraph {
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(rawTargets.length);
  const scores = new Float64Array(rawTargets.length);
  const slotOf = new Int32Array(n);
  const stampOf = new Int32Array(n);
  const order: number[] = [];
  let out = 0;
  for (let i = 0; i < n; i++) {
    const begin = out;
    for (let e = rawStart[i]; e < rawStart[i + 1]; e++) {
      const j = rawTargets[e];
      if (stampOf[j] === i + 1) {
        scores[slotOf[j]] = Math.max(scores[slotOf[j]], rawScores[e]);
      } else {
        stampOf[j] = i + 1;
        slotOf[j] = out;
        targets[out] = j;
        scores[out++] = rawScores[e];
      }
    }
    order.length = 0;
    for (let e = begin; e < out; e++) order.push(e);
    order.sort((a, b) => scores[b] - scores[a] || targets[a] - targets[b]);
    const sortedTargets = order.map((e) => targets[e]);
    const sortedScores = order.map((e) => scores[e]);
    targets.set(sortedTargets, begin);
    scores.set(sortedScores, begin);
    offsets[i + 1] = out;
  }
  return { size: n, offsets, targets: targets.slice(0, out), scores: scores.slice(0, out) };
}
