/** Result of an assignment solver: `rowToCol[i]` is the column of row `i`, or -1 when the row is unassigned. */
export interface AssignmentResult {
  rowToCol: Int32Array;
  /** Sum of the caller's own costs or scores over the assigned pairs. */
  total: number;
}

/** Edge list as parallel arrays with 0-based row (`from`) and column (`to`) indices. */
export interface SparseEdges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/** Thrown when a problem that requires every row to be assigned has no such assignment. */
export class InfeasibleAssignmentError extends Error {
  override readonly name = 'InfeasibleAssignmentError';
}
