import { CONSTRAINT_BIT, CRITERIA, CRITERION_COUNT, CRITERION_INDEX, type Criterion, type PairConstraint, constraintNames } from './criteria';
import { OverlapMeter, maskOverlapBound } from './availability';
import { MAX_LEVEL, MIN_LEVEL } from './participant';
import { type Csr, HAS_AVAILABILITY, HAS_AVOID, HAS_PREFER, HAS_PREVIOUS, type LevelledCsr, MENTEE, MENTOR, PROFILE, PROFILE_INTS, type Pool } from './pool';
import type { ResolvedScoring } from './settings';

const LEVEL_SPAN = MAX_LEVEL - MIN_LEVEL;
const SKILLS = CRITERION_INDEX.skills;
const GOALS = CRITERION_INDEX.goals;
const INTERESTS = CRITERION_INDEX.interests;
const EXPERIENCE = CRITERION_INDEX.experience;
const AVAILABILITY = CRITERION_INDEX.availability;
const LANGUAGE = CRITERION_INDEX.language;
const DEPARTMENT = CRITERION_INDEX.department;
const LOCATION = CRITERION_INDEX.location;
const PREFERENCES = CRITERION_INDEX.preferences;
/** Score of a criterion whose data one side did not give: neither a reason for nor against the pair. */
const UNKNOWN = 0.5;

/**
 * How well an offerer at `offered` helps a seeker currently at `sought`: fully from one level above, half at the
 * same level, a quarter one level below, nothing further below.
 */
export function skillCoverage(sought: number, offered: number): number {
  const gap = offered - sought;
  return gap >= 1 ? 1 : Math.max(0, 0.5 + 0.25 * gap);
}

/** Mean coverage of the seeker's sought skills by the offerer's skills (0 when nothing is sought). */
export function soughtCoverage(sought: LevelledCsr, seeker: number, offered: LevelledCsr, offerer: number): number {
  const from = sought.offsets[seeker] ?? 0;
  const to = sought.offsets[seeker + 1] ?? 0;
  if (to === from) return 0;
  let j = offered.offsets[offerer] ?? 0;
  const end = offered.offsets[offerer + 1] ?? 0;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const skill = sought.items[i] ?? 0;
    while (j < end && (offered.items[j] ?? 0) < skill) j++;
    if (j < end && offered.items[j] === skill) sum += skillCoverage(sought.levels[i] ?? 0, offered.levels[j] ?? 0);
  }
  return sum / (to - from);
}

/** Number of values two sorted rows share. */
export function sharedCount(rows: Csr, a: number, b: number): number {
  let i = rows.offsets[a] ?? 0;
  const iEnd = rows.offsets[a + 1] ?? 0;
  let j = rows.offsets[b] ?? 0;
  const jEnd = rows.offsets[b + 1] ?? 0;
  let shared = 0;
  while (i < iEnd && j < jEnd) {
    const x = rows.items[i] ?? 0;
    const y = rows.items[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

export function rowLength(rows: Csr, row: number): number {
  return (rows.offsets[row + 1] ?? 0) - (rows.offsets[row] ?? 0);
}

/** Dice overlap 2|A∩B| / (|A| + |B|) given the shared count (0 when both are empty). */
export function diceOverlap(shared: number, sizeA: number, sizeB: number): number {
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/** Whether sorted row `row` contains `value`. */
export function rowHas(rows: Csr, row: number, value: number): boolean {
  let low = rows.offsets[row] ?? 0;
  let high = (rows.offsets[row + 1] ?? 0) - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = rows.items[middle] ?? 0;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Experience fit: closeness of the mentor-minus-mentee gap to the target, or similarity between peers. */
export function experienceFit(levelGap: number, targetGap: number): number {
  return Math.min(1, Math.max(0, 1 - Math.abs(levelGap - targetGap) / LEVEL_SPAN));
}

/** Per-pair result handed to callers: score, contributions and constraint outcome. */
export interface PairReport {
  score: number;
  /** weight * criterion score / sum of weights, for criteria with weight > 0; sums to `score`. */
  explanation: Partial<Record<Criterion, number>>;
  /** Hard constraints checked for this pair and passed. */
  constraints: PairConstraint[];
  /** Hard constraints checked for this pair and failed. */
  violations: PairConstraint[];
}

/**
 * Scores pairs of a compiled pool. Keeps scratch state (criterion scores, overlap) so the hot loop allocates
 * nothing; one instance per thread of work.
 */
export class PairScorer {
  /** Criterion scores of the last evaluated pair, in CRITERIA order. */
  readonly criteria = new Float64Array(CRITERION_COUNT);
  /** Constraints the last evaluation checked / found violated, as CONSTRAINT_BIT masks. */
  checked = 0;
  violated = 0;
  private readonly overlap = new OverlapMeter();

  constructor(
    readonly pool: Pool,
    readonly scoring: ResolvedScoring,
  ) {}

  /** Whether the pair is a mentor and a mentee (mentoring) – the orientation skills and experience follow. */
  private isMentoringPair(a: number, b: number): boolean {
    const profile = this.pool.profile;
    const roles = (profile[a * PROFILE_INTS + PROFILE.role] ?? 0) + (profile[b * PROFILE_INTS + PROFILE.role] ?? 0);
    return this.scoring.mode === 'mentoring' && roles === MENTOR + MENTEE;
  }

  /**
   * Hard constraints checkable from the packed profiles and short lists (all but availability); sets `checked`
   * and returns the violation mask. With `exact` false a shared language bit counts as a shared language (a
   * bound: it never rejects a feasible pair).
   */
  private basicViolations(a: number, b: number, exact: boolean): number {
    const pool = this.pool;
    const profile = pool.profile;
    const at = a * PROFILE_INTS;
    const bt = b * PROFILE_INTS;
    let violated = 0;
    let checked = CONSTRAINT_BIT.avoid | CONSTRAINT_BIT['previous-partner'] | CONSTRAINT_BIT['shared-language'] | CONSTRAINT_BIT['reporting-line'];
    if (this.scoring.mode === 'mentoring') {
      checked |= CONSTRAINT_BIT.roles;
      if (!this.isMentoringPair(a, b)) violated |= CONSTRAINT_BIT.roles;
    }
    const commonBits = (profile[at + PROFILE.languageBits] ?? 0) & (profile[bt + PROFILE.languageBits] ?? 0);
    if (commonBits === 0 || (exact && pool.languageCount > 32 && sharedCount(pool.languages, a, b) === 0)) {
      violated |= CONSTRAINT_BIT['shared-language'];
    }
    if (profile[at + PROFILE.manager] === b || profile[bt + PROFILE.manager] === a) violated |= CONSTRAINT_BIT['reporting-line'];
    const flagsA = profile[at + PROFILE.flags] ?? 0;
    const flagsB = profile[bt + PROFILE.flags] ?? 0;
    if (((flagsA & HAS_AVOID) !== 0 && rowHas(pool.avoid, a, b)) || ((flagsB & HAS_AVOID) !== 0 && rowHas(pool.avoid, b, a))) {
      violated |= CONSTRAINT_BIT.avoid;
    }
    if (((flagsA & HAS_PREVIOUS) !== 0 && rowHas(pool.previous, a, b)) || ((flagsB & HAS_PREVIOUS) !== 0 && rowHas(pool.previous, b, a))) {
      violated |= CONSTRAINT_BIT['previous-partner'];
    }
    this.checked = checked;
    return violated;
  }

  /**
   * Evaluates a pair: fills `criteria`, `checked`, `violated`, returns the weighted score. With `stopAtViolation`
   * it returns -1 as soon as a hard constraint fails (the candidate-generation fast path).
   */
  evaluate(a: number, b: number, stopAtViolation: boolean): number {
    const pool = this.pool;
    const scoring = this.scoring;
    let violated = this.basicViolations(a, b, true);
    if (stopAtViolation && violated !== 0) return -1;

    const criteria = this.criteria;
    if (this.hasAvailability(a) && this.hasAvailability(b)) {
      const offsets = pool.availability.offsets;
      this.overlap.measure(pool.availability.items, offsets[a] ?? 0, offsets[a + 1] ?? 0, offsets[b] ?? 0, offsets[b + 1] ?? 0, scoring.sessionMinutes);
      if (scoring.minOverlapMinutes > 0) {
        this.checked |= CONSTRAINT_BIT['min-availability'];
        if (this.overlap.total < scoring.minOverlapMinutes) violated |= CONSTRAINT_BIT['min-availability'];
      }
      criteria[AVAILABILITY] = Math.min(1, this.overlap.usable / scoring.wantedWeeklyMinutes);
    } else {
      criteria[AVAILABILITY] = UNKNOWN;
    }
    this.violated = violated;
    if (stopAtViolation && violated !== 0) return -1;

    criteria[SKILLS] = this.skillFit(a, b);
    this.fillRelational(a, b);
    criteria[GOALS] = this.wordOverlap(sharedCount(pool.goals, a, b), a, b, PROFILE.goalWords);
    criteria[INTERESTS] = this.wordOverlap(sharedCount(pool.interests, a, b), a, b, PROFILE.interestWords);
    criteria[LANGUAGE] = (violated & CONSTRAINT_BIT['shared-language']) === 0 ? 1 : 0;
    return this.weightedScore();
  }

  /**
   * Cheap estimate used to shortlist candidates, from skill fit and shared goal / interest word counts gathered
   * through an inverted index, and availability bounded by hour masks. Returns -1 for pairs that surely
   * fail a hard constraint (the mask bound never excludes a feasible pair).
   */
  estimate(a: number, b: number, skills: number, sharedGoals: number, sharedInterests: number): number {
    if (this.basicViolations(a, b, false) !== 0) return -1;
    const profile = this.pool.profile;
    const scoring = this.scoring;
    const criteria = this.criteria;
    if (this.hasAvailability(a) && this.hasAvailability(b)) {
      const bound = maskOverlapBound(profile, a * PROFILE_INTS + PROFILE.hourMask, b * PROFILE_INTS + PROFILE.hourMask);
      if (bound < scoring.minOverlapMinutes) return -1;
      criteria[AVAILABILITY] = Math.min(1, bound / scoring.wantedWeeklyMinutes);
    } else {
      criteria[AVAILABILITY] = UNKNOWN;
    }
    criteria[SKILLS] = skills;
    criteria[GOALS] = this.wordOverlap(sharedGoals, a, b, PROFILE.goalWords);
    criteria[INTERESTS] = this.wordOverlap(sharedInterests, a, b, PROFILE.interestWords);
    criteria[LANGUAGE] = 1;
    this.fillRelational(a, b);
    return this.weightedScore();
  }

  private hasAvailability(p: number): boolean {
    return ((this.pool.profile[p * PROFILE_INTS + PROFILE.flags] ?? 0) & HAS_AVAILABILITY) !== 0;
  }

  /** Dice overlap of two people's goal or interest words (`field` is the PROFILE slot holding the word count). */
  private wordOverlap(shared: number, a: number, b: number, field: number): number {
    const profile = this.pool.profile;
    return diceOverlap(shared, profile[a * PROFILE_INTS + field] ?? 0, profile[b * PROFILE_INTS + field] ?? 0);
  }

  /** Skills criterion: the mentee's needs met by the mentor, or mutual coverage averaged both ways for peers. */
  skillFit(a: number, b: number): number {
    const pool = this.pool;
    if (this.isMentoringPair(a, b)) {
      const mentee = pool.profile[a * PROFILE_INTS + PROFILE.role] === MENTEE ? a : b;
      return soughtCoverage(pool.sought, mentee, pool.offered, mentee === a ? b : a);
    }
    return (soughtCoverage(pool.sought, a, pool.offered, b) + soughtCoverage(pool.sought, b, pool.offered, a)) / 2;
  }

  /** Experience, department, location and preferences: criteria computed from single values, no list merging. */
  private fillRelational(a: number, b: number): void {
    const pool = this.pool;
    const profile = pool.profile;
    const scoring = this.scoring;
    const criteria = this.criteria;
    const at = a * PROFILE_INTS;
    const bt = b * PROFILE_INTS;
    const levelGap = (profile[at + PROFILE.level] ?? 0) - (profile[bt + PROFILE.level] ?? 0);
    if (this.isMentoringPair(a, b)) {
      const aIsMentor = profile[at + PROFILE.role] === MENTOR;
      criteria[EXPERIENCE] = experienceFit(aIsMentor ? levelGap : -levelGap, scoring.experienceGap);
    } else {
      criteria[EXPERIENCE] = experienceFit(levelGap, 0);
    }
    criteria[DEPARTMENT] = sameOrDifferent(profile[at + PROFILE.department] ?? -1, profile[bt + PROFILE.department] ?? -1, !scoring.preferDifferentDepartment);
    criteria[LOCATION] = sameOrDifferent(profile[at + PROFILE.location] ?? -1, profile[bt + PROFILE.location] ?? -1, scoring.preferSameLocation);
    const aPrefers = ((profile[at + PROFILE.flags] ?? 0) & HAS_PREFER) !== 0 && rowHas(pool.prefer, a, b);
    const bPrefers = ((profile[bt + PROFILE.flags] ?? 0) & HAS_PREFER) !== 0 && rowHas(pool.prefer, b, a);
    criteria[PREFERENCES] = ((aPrefers ? 1 : 0) + (bPrefers ? 1 : 0)) / 2;
  }

  private weightedScore(): number {
    const weights = this.scoring.weights;
    const criteria = this.criteria;
    let weighted = 0;
    for (let c = 0; c < CRITERION_COUNT; c++) weighted += (weights[c] ?? 0) * (criteria[c] ?? 0);
    return weighted / this.scoring.weightSum;
  }

  /** Full report for one pair: score, per-criterion contributions, constraints passed and failed. */
  report(a: number, b: number): PairReport {
    const score = this.evaluate(a, b, false);
    const explanation: Partial<Record<Criterion, number>> = {};
    CRITERIA.forEach((name, c) => {
      const weight = this.scoring.weights[c] ?? 0;
      if (weight > 0) explanation[name] = (weight * (this.criteria[c] ?? 0)) / this.scoring.weightSum;
    });
    return {
      score,
      explanation,
      constraints: constraintNames(this.checked & ~this.violated),
      violations: constraintNames(this.violated),
    };
  }
}

/** 1 when two known values (ids >= 0) agree with the wish (same or different), 0 when not, UNKNOWN when one is missing. */
function sameOrDifferent(x: number, y: number, wantSame: boolean): number {
  if (x < 0 || y < 0) return UNKNOWN;
  return x === y === wantSame ? 1 : 0;
}
