import { DEFAULT_CANDIDATES_PER_PERSON, type CandidateStrategy } from '../scoring/candidates';
import { IssueCollector, MatchingInputError } from '../scoring/input-error';
import { type ResolvedScoring, type ScoringSettings, readScoringSettings } from '../scoring/settings';

export const OBJECTIVES = ['optimal', 'stable'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export const MIN_CIRCLE_SIZE = 3;
export const MAX_CIRCLE_SIZE = 6;
export const DEFAULT_CIRCLE_SIZE = 4;

/** A program's matching settings: the scoring settings plus how to optimise. */
export interface ProgramSettings extends ScoringSettings {
  objective: Objective;
  /** People per circle (circle format), 3..6. Default 4. */
  circleSize?: number;
  /** Candidates kept per person in the sparse candidate graph. Default 20. */
  candidatesPerPerson?: number;
  /** Optimal objective: match as many people as possible first, then maximise the total score. */
  cardinalityFirst?: boolean;
  /** Candidate generation: exhaustive below 2,000 people, inverted index above, unless forced. */
  candidateStrategy?: CandidateStrategy;
}

/** Program settings after validation, defaults filled. */
export interface ResolvedProgram {
  objective: Objective;
  circleSize: number;
  candidatesPerPerson: number;
  cardinalityFirst: boolean;
  candidateStrategy: CandidateStrategy;
  scoring: ResolvedScoring;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Validates program settings at runtime (they may come from JSON); throws MatchingInputError with every issue. */
export function resolveProgram(settings: ProgramSettings): ResolvedProgram {
  const issues = new IssueCollector();
  const scoring = readScoringSettings(settings, issues);
  if (!(OBJECTIVES as readonly string[]).includes(settings.objective)) {
    issues.add('settings.objective', `must be one of ${OBJECTIVES.join(', ')}`);
  }
  const circleSize = settings.circleSize ?? DEFAULT_CIRCLE_SIZE;
  if (!isIntegerIn(circleSize, MIN_CIRCLE_SIZE, MAX_CIRCLE_SIZE)) {
    issues.add('settings.circleSize', `must be an integer from ${MIN_CIRCLE_SIZE} to ${MAX_CIRCLE_SIZE}`);
  }
  const candidatesPerPerson = settings.candidatesPerPerson ?? DEFAULT_CANDIDATES_PER_PERSON;
  if (!isIntegerIn(candidatesPerPerson, 1, 10_000)) issues.add('settings.candidatesPerPerson', 'must be an integer from 1 to 10000');
  const cardinalityFirst = settings.cardinalityFirst ?? false;
  if (typeof cardinalityFirst !== 'boolean') issues.add('settings.cardinalityFirst', 'must be a boolean');
  const candidateStrategy = settings.candidateStrategy ?? 'auto';
  if (!['auto', 'exhaustive', 'indexed'].includes(candidateStrategy)) {
    issues.add('settings.candidateStrategy', 'must be auto, exhaustive or indexed');
  }
  if (scoring === undefined || issues.count > 0) throw new MatchingInputError(issues.list);
  return { objective: settings.objective, circleSize, candidatesPerPerson, cardinalityFirst, candidateStrategy, scoring };
}
