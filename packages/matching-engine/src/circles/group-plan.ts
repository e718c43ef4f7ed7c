/**
 * How many circles to form and which sizes they may take.
 *
 * Rule: everyone is placed. The group count g is chosen so that sizes can stay within the allowed
 * band [max(2, k-1), k+1]: among g = 1..n, the one whose balanced split (sizes ⌊n/g⌋ and ⌈n/g⌉)
 * strays least outside the band, then whose average size n/g is closest to k, then the smallest.
 * When the balanced split fits the band (always, once n ≥ (k²-1)/2; for k = 4 for every n ≥ 3),
 * local search may move sizes anywhere inside the band. Otherwise (n = 1, or small n with a large
 * k, e.g. n = 12, k = 10) the sizes stay fixed at ⌊n/g⌋ and ⌈n/g⌉.
 */
export interface GroupPlan {
  readonly groupCount: number;
  readonly minSize: number;
  readonly maxSize: number;
  /** Balanced starting sizes, larger ones first; they sum to n. */
  readonly initialSizes: readonly number[];
}

export function planGroups(n: number, k: number): GroupPlan {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n = ${n} is not a non-negative integer`);
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k = ${k} must be an integer of at least 2`);
  if (n === 0) return { groupCount: 0, minSize: 0, maxSize: 0, initialSizes: [] };
  const bandMin = Math.max(2, k - 1);
  const bandMax = k + 1;
  const stray = (g: number): number =>
    Math.max(0, Math.ceil(n / g) - bandMax, bandMin - Math.floor(n / g));
  let best = 1;
  for (let g = 2; g <= n; g++) {
    const diff = stray(g) - stray(best);
    if (diff < 0 || (diff === 0 && Math.abs(n / g - k) < Math.abs(n / best - k))) best = g;
  }
  const small = Math.floor(n / best);
  const larger = n - small * best;
  const initialSizes = Array.from({ length: best }, (_, t) => (t < larger ? small + 1 : small));
  const fits = stray(best) === 0;
  return {
    groupCount: best,
    minSize: fits ? bandMin : small,
    maxSize: fits ? bandMax : Math.ceil(n / best),
    initialSizes,
  };
}
