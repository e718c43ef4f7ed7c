export type { GraphEdges } from './simple-graph';
export { maxWeightMatching, solveMaxWeightMatching, type MatchingOptions, type MatchingResult } from './max-weight-matching';
export { verifyDualCertificate, type DualCertificate } from './dual-certificate';
