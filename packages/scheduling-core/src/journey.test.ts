import { describe, expect, it } from 'vitest';
import { journeyStepFor } from './journey';

const resource = '0190a4f2-0000-7000-8000-000000000001';
const journey = [
  { session: 1, topic: 'Getting to know each other', resourceIds: [resource] },
  { session: 3, topic: 'Goals for the quarter' },
];

describe('journeyStepFor', () => {
  it('gives a session its topic and resources', () => {
    expect(journeyStepFor(journey, 1)).toEqual({ topic: 'Getting to know each other', resourceIds: [resource] });
    expect(journeyStepFor(journey, 3)).toEqual({ topic: 'Goals for the quarter', resourceIds: [] });
  });

  it('gives nothing for a session the journey does not mention', () => {
    expect(journeyStepFor(journey, 2)).toEqual({ topic: null, resourceIds: [] });
    expect(journeyStepFor([], 1)).toEqual({ topic: null, resourceIds: [] });
  });

  it('hands out a copy of the resource list', () => {
    journeyStepFor(journey, 1).resourceIds.push('changed');
    expect(journey[0]!.resourceIds).toEqual([resource]);
  });

  it('refuses an ordinal that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => journeyStepFor(journey, bad)).toThrow(RangeError);
  });
});
