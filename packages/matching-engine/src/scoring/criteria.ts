/** Soft criteria, each scored in [0, 1]; the order fixes their slot in typed arrays. */
export const CRITERIA = [
  'skills',
  'goals',
  'interests',
  'experience',
  'availability',
  'language',
  'department',
  'location',
  'preferences',
] as const;

export type Criterion = (typeof CRITERIA)[number];

export const CRITERION_COUNT = CRITERIA.length;

/** Slot of each criterion in a criterion-score array. */
export const CRITERION_INDEX: Readonly<Record<Criterion, number>> = Object.fromEntries(
  CRITERIA.map((name, index) => [name, index]),
) as Record<Criterion, number>;

/** Weights used when a program leaves a criterion unset; skills and goals lead, as in most mentoring programs. */
export const DEFAULT_WEIGHTS: Readonly<Record<Criterion, number>> = {
  skills: 3,
  goals: 2,
  interests: 1,
  experience: 1,
  availability: 2,
  language: 1,
  department: 1,
  location: 0.5,
  preferences: 1,
};

/** Hard constraints: a pair failing any of them is removed before optimisation. */
export const HARD_CONSTRAINTS = [
  'roles',
  'avoid',
  'previous-partner',
  'shared-language',
  'reporting-line',
  'min-availability',
  'capacity',
] as const;

export type HardConstraint = (typeof HARD_CONSTRAINTS)[number];

/** Bit of each pair-level constraint in a violation mask (capacity is checked by the solvers, not per pair). */
export const CONSTRAINT_BIT = {
  roles: 1,
  avoid: 2,
  'previous-partner': 4,
  'shared-language': 8,
  'reporting-line': 16,
  'min-availability': 32,
} as const satisfies Partial<Record<HardConstraint, number>>;

export type PairConstraint = keyof typeof CONSTRAINT_BIT;

export const PAIR_CONSTRAINTS = Object.keys(CONSTRAINT_BIT) as PairConstraint[];

/** Names of the constraints whose bit is set in `mask`, in declaration order. */
export function constraintNames(mask: number): PairConstraint[] {
  return PAIR_CONSTRAINTS.filter((name) => (mask & CONSTRAINT_BIT[name]) !== 0);
}
