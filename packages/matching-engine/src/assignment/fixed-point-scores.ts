/**
 * Integer costs with magnitude up to this bound keep every quantity of the augmenting-path search exact
 * in float64: reduced costs, distances and prices stay within a small multiple (< 4) of the largest cost,
 * and 4 * 2^49 = 2^51 < 2^53.
 */
const MAX_COST_MAGNITUDE = 2 ** 49;

/**
 * Power-of-two scale for turning scores into integers: the largest one for which `headroom` times the
 * largest scaled score still fits in half the exact range (the other half absorbs rounding and offsets).
 * The resolution of the scaled scores is 1 / scale.
 */
export function chooseScoreScale(maxAbsScore: number, headroom: number): number {
  if (maxAbsScore === 0) return 1;
  const limit = MAX_COST_MAGNITUDE / 2;
  let exponent = Math.min(1000, Math.floor(Math.log2(limit / (headroom * maxAbsScore))));
  while (headroom * maxAbsScore * 2 ** exponent > limit) exponent--;
  return 2 ** exponent;
}
