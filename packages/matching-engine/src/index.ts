// Public surface of the matching engine: solvers, file parsers, scoring and program-level matching.
export * from './assignment';
export * from './circles';
export * from './general';
export * from './stable';
export { parseOrLibDense, parseOrLibSparse } from './io/orlib';
export { parseDimacsEdges, parseMatchingOut } from './io/dimacs';
export {
  StableJsonError,
  solveStableJson,
  type HospitalsResidentsAnswer,
  type StableJsonAnswer,
  type StableMarriageAnswer,
  type StableRoommatesAnswer,
} from './io/stable-json';
export * from './scoring';
export * from './program';
export { runCli, USAGE, type CliIo } from './cli/run';
