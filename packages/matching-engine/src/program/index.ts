export { participantsFromEnrollments, programSettingsFromBody } from './api-body';
export type { ExistingMatch, UnmatchedParticipant, UnmatchedReason } from './existing';
export { scoreManualMatch, suggestCandidates, type ManualMatchReport, type Suggestion } from './manual';
export {
  matchProgram,
  type MatchMember,
  type MatchOptions,
  type MatchResult,
  type MatchStats,
  type ProposedMatch,
} from './match-program';
export {
  DEFAULT_CIRCLE_SIZE,
  MAX_CIRCLE_SIZE,
  MIN_CIRCLE_SIZE,
  OBJECTIVES,
  resolveProgram,
  type Objective,
  type ProgramSettings,
  type ResolvedProgram,
} from './settings';
export { syntheticParticipants, type SyntheticOptions } from './synthetic';
