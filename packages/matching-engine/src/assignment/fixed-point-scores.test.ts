import { describe, expect, it } from 'vitest';
import { chooseScoreScale } from './fixed-point-scores';

describe('chooseScoreScale', () => {
  it('gives scores in [0, 1] a resolution of 2^-48 without headroom', () => {
    expect(chooseScoreScale(1, 1)).toBe(2 ** 48);
  });

  it('shrinks the scale so headroom times the largest scaled score stays within 2^48', () => {
    const scale = chooseScoreScale(1, 200_002);
    expect(scale).toBe(2 ** 30);
    expect(200_002 * scale).toBeLessThanOrEqual(2 ** 48);
    expect(chooseScoreScale(1000, 3)).toBe(2 ** 36);
  });

  it('uses 1 when every score is zero', () => {
    expect(chooseScoreScale(0, 5)).toBe(1);
  });
});
