export {
  CRITERIA,
  DEFAULT_WEIGHTS,
  HARD_CONSTRAINTS,
  PAIR_CONSTRAINTS,
  type Criterion,
  type HardConstraint,
  type PairConstraint,
} from './criteria';
export { DEFAULT_REFERENCE_WEEK, MINUTES_PER_WEEK, WeekProjector, referenceWeekStart } from './availability';
export {
  DEFAULT_CANDIDATES_PER_PERSON,
  EXHAUSTIVE_LIMIT,
  candidateAdjacency,
  candidateEdges,
  generateCandidates,
  type CandidateEdges,
  type CandidateGraph,
  type CandidateLists,
  type CandidateOptions,
  type CandidateStrategy,
} from './candidates';
export { MatchingInputError, type InputIssue } from './input-error';
export { PairScorer, type PairReport } from './pair';
export {
  ROLES,
  WEEKDAYS,
  validateParticipants,
  type AvailabilitySlot,
  type Participant,
  type Role,
  type SkillLevel,
  type Weekday,
} from './participant';
export { compilePool, type Pool } from './pool';
export { FORMATS, SLOT_CHOICES, resolveScoring, type ProgramFormat, type ResolvedScoring, type ScoringSettings } from './settings';
