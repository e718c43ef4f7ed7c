import type { DateTime } from 'luxon';
import { CRITERIA, CRITERION_COUNT, type Criterion, DEFAULT_WEIGHTS } from './criteria';
import { IssueCollector, MatchingInputError } from './input-error';
import { DEFAULT_REFERENCE_WEEK, referenceWeekStart } from './availability';

export const FORMATS = ['mentoring', 'peer', 'circle'] as const;
export type ProgramFormat = (typeof FORMATS)[number];

export const CADENCE_UNITS = ['day', 'week', 'month'] as const;
export type CadenceUnit = (typeof CADENCE_UNITS)[number];

/** What the scorer needs from a program (API.md program body, flattened). */
export interface ScoringSettings {
  format: ProgramFormat;
  /** Per-criterion weights >= 0; unset criteria keep DEFAULT_WEIGHTS; unknown names are rejected. */
  weights?: Partial<Record<string, number>>;
  /** Pairs sharing fewer weekly minutes are excluded; 0 disables the check. Default 30. */
  minOverlapMinutes?: number;
  /** Session length; shared blocks shorter than this cannot host a session. Default 60. */
  sessionMinutes?: number;
  /** Session cadence. Default every 1 week. */
  cadence?: { every: number; unit: CadenceUnit };
  /** Program start (ISO); its week is the reference week for time-zone conversion. */
  startsAt?: string;
  /** Whether partners should come from different departments (default) or the same one. */
  departmentPreference?: 'different' | 'same';
  /** Whether partners should share a location (default) or not. */
  locationPreference?: 'same' | 'different';
  /** Wanted mentor-minus-mentee experience gap in levels. Default 2. */
  experienceGap?: number;
}

/** Session slots a pair should be able to pick from per cadence period, so a missed slot can be rebooked. */
export const SLOT_CHOICES = 3;

const WEEKS_PER_UNIT: Readonly<Record<CadenceUnit, number>> = { day: 1 / 7, week: 1, month: 365.25 / 12 / 7 };

/** Settings after validation, with defaults filled and weights as a typed array in CRITERIA order. */
export interface ResolvedScoring {
  mode: 'mentoring' | 'peer';
  weights: Float64Array;
  weightSum: number;
  minOverlapMinutes: number;
  sessionMinutes: number;
  /** Weekly shared minutes (in session-sized blocks) that earn a full availability score. */
  wantedWeeklyMinutes: number;
  referenceWeek: DateTime;
  preferDifferentDepartment: boolean;
  preferSameLocation: boolean;
  experienceGap: number;
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Length of a cadence period in weeks, or undefined when the cadence is malformed. */
function readCadenceWeeks(cadence: unknown): number | undefined {
  if (typeof cadence !== 'object' || cadence === null) return undefined;
  const { every, unit } = cadence as { every?: unknown; unit?: unknown };
  if (!isNonNegativeNumber(every) || every === 0) return undefined;
  if (typeof unit !== 'string' || !(CADENCE_UNITS as readonly string[]).includes(unit)) return undefined;
  return every * WEEKS_PER_UNIT[unit as CadenceUnit];
}

/** Validates scoring settings, recording issues under `path`; returns the resolved form when valid. */
export function readScoringSettings(settings: ScoringSettings, issues: IssueCollector, path = 'settings'): ResolvedScoring | undefined {
  const before = issues.count;
  if (!(FORMATS as readonly string[]).includes(settings.format)) issues.add(`${path}.format`, `must be one of ${FORMATS.join(', ')}`);

  const weights = new Float64Array(CRITERION_COUNT);
  CRITERIA.forEach((name, index) => (weights[index] = DEFAULT_WEIGHTS[name]));
  const given: unknown = settings.weights ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) issues.add(`${path}.weights`, 'must be an object');
  for (const [name, value] of Object.entries(typeof given === 'object' && given !== null ? given : {})) {
    const index = CRITERIA.indexOf(name as Criterion);
    if (index < 0) issues.add(`${path}.weights.${name}`, `unknown criterion; known: ${CRITERIA.join(', ')}`);
    else if (!isNonNegativeNumber(value)) issues.add(`${path}.weights.${name}`, 'must be a number >= 0');
    else weights[index] = value;
  }
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum <= 0) issues.add(`${path}.weights`, 'at least one weight must be > 0');

  const minOverlapMinutes = settings.minOverlapMinutes ?? 30;
  if (!isNonNegativeNumber(minOverlapMinutes)) issues.add(`${path}.minOverlapMinutes`, 'must be a number >= 0');
  const sessionMinutes = settings.sessionMinutes ?? 60;
  if (!isNonNegativeNumber(sessionMinutes) || sessionMinutes === 0) issues.add(`${path}.sessionMinutes`, 'must be a number > 0');
  const cadence: unknown = settings.cadence ?? { every: 1, unit: 'week' };
  const cadenceWeeks = readCadenceWeeks(cadence);
  if (cadenceWeeks === undefined) issues.add(`${path}.cadence`, `must be { every: > 0, unit: ${CADENCE_UNITS.join(' | ')} }`);
  const startsAt: unknown = settings.startsAt ?? DEFAULT_REFERENCE_WEEK;
  const referenceWeek = typeof startsAt === 'string' ? referenceWeekStart(startsAt) : undefined;
  if (referenceWeek === undefined) issues.add(`${path}.startsAt`, 'must be an ISO 8601 date-time');
  const experienceGap = settings.experienceGap ?? 2;
  if (typeof experienceGap !== 'number' || !Number.isFinite(experienceGap)) issues.add(`${path}.experienceGap`, 'must be a number');
  const departmentPreference = settings.departmentPreference ?? 'different';
  if (departmentPreference !== 'different' && departmentPreference !== 'same') {
    issues.add(`${path}.departmentPreference`, 'must be "different" or "same"');
  }
  const locationPreference = settings.locationPreference ?? 'same';
  if (locationPreference !== 'different' && locationPreference !== 'same') {
    issues.add(`${path}.locationPreference`, 'must be "same" or "different"');
  }
  if (issues.count > before || referenceWeek === undefined || cadenceWeeks === undefined) return undefined;

  return {
    mode: settings.format === 'mentoring' ? 'mentoring' : 'peer',
    weights,
    weightSum,
    minOverlapMinutes,
    sessionMinutes,
    wantedWeeklyMinutes: (sessionMinutes * SLOT_CHOICES) / cadenceWeeks,
    referenceWeek,
    preferDifferentDepartment: departmentPreference === 'different',
    preferSameLocation: locationPreference === 'same',
    experienceGap,
  };
}

/** Validates scoring settings; throws MatchingInputError listing every problem. */
export function resolveScoring(settings: ScoringSettings): ResolvedScoring {
  const issues = new IssueCollector();
  const resolved = readScoringSettings(settings, issues);
  if (resolved === undefined) throw new MatchingInputError(issues.list);
  return resolved;
}
