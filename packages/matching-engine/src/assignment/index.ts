export { solveCapacitated, type CapacitatedInput } from './capacitated-assignment';
export { solveDenseAssignment } from './dense-jonker-volgenant';
export { solveSparseAssignment } from './sparse-assignment';
export { InfeasibleAssignmentError, type AssignmentResult, type SparseEdges } from './types';
