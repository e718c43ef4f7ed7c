import { describe, expect, it } from 'vitest';
import { planGroups } from './group-plan';

describe('planGroups', () => {
  it('picks the group count whose average size is closest to k inside the band', () => {
    expect(planGroups(8, 4)).toEqual({ groupCount: 2, minSize: 3, maxSize: 5, initialSizes: [4, 4] });
    expect(planGroups(10, 4)).toEqual({ groupCount: 3, minSize: 3, maxSize: 5, initialSizes: [4, 3, 3] });
    expect(planGroups(5, 4)).toEqual({ groupCount: 1, minSize: 3, maxSize: 5, initialSizes: [5] });
    expect(planGroups(7, 2).initialSizes).toEqual([3, 2, 2]);
  });

  it('keeps balanced fixed sizes when no split fits the band', () => {
    expect(planGroups(0, 4)).toEqual({ groupCount: 0, minSize: 0, maxSize: 0, initialSizes: [] });
    expect(planGroups(1, 4)).toEqual({ groupCount: 1, minSize: 1, maxSize: 1, initialSizes: [1] });
    expect(planGroups(2, 4)).toEqual({ groupCount: 1, minSize: 2, maxSize: 2, initialSizes: [2] });
    expect(planGroups(12, 10)).toEqual({ groupCount: 1, minSize: 12, maxSize: 12, initialSizes: [12] });
  });

  it('places everyone and fits the band whenever some group count allows it', () => {
    for (let k = 2; k <= 8; k++) {
      const bandMin = Math.max(2, k - 1);
      for (let n = 1; n <= 120; n++) {
        const plan = planGroups(n, k);
        expect(plan.initialSizes.reduce((a, b) => a + b, 0)).toBe(n);
        expect(plan.initialSizes).toHaveLength(plan.groupCount);
        expect(Math.max(...plan.initialSizes) - Math.min(...plan.initialSizes)).toBeLessThanOrEqual(1);
        for (const s of plan.initialSizes) {
          expect(s).toBeGreaterThanOrEqual(plan.minSize);
          expect(s).toBeLessThanOrEqual(plan.maxSize);
        }
        let feasible = false;
        for (let g = 1; g <= n; g++) feasible ||= g * bandMin <= n && n <= g * (k + 1);
        expect(plan.minSize === bandMin && plan.maxSize === k + 1).toBe(feasible);
        expect(plan.maxSize - plan.minSize).toBeLessThanOrEqual(2);
      }
    }
  });

  it('rejects bad sizes', () => {
    expect(() => planGroups(5, 1)).toThrow(RangeError);
    expect(() => planGroups(-1, 4)).toThrow(RangeError);
    expect(() => planGroups(2.5, 4)).toThrow(RangeError);
  });
});
