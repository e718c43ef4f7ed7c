import type { Journey } from '@tandem/contracts';

export interface JourneySession {
  /** The journey's topic for the session, or null when the journey says nothing about it. */
  topic: string | null;
  resourceIds: string[];
}

/** What the program's journey gives the match's session number `ordinal` (counted from 1). */
export function journeyStepFor(journey: Journey, ordinal: number): JourneySession {
  if (!Number.isInteger(ordinal) || ordinal < 1) throw new RangeError('ordinal must be a positive integer');
  const step = journey.find((s) => s.session === ordinal);
  return step ? { topic: step.topic, resourceIds: [...(step.resourceIds ?? [])] } : { topic: null, resourceIds: [] };
}
