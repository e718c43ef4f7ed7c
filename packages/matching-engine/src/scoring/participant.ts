import { IANAZone } from 'luxon';
import { IssueCollector } from './input-error';

export const ROLES = ['mentor', 'mentee', 'peer'] as const;
export type Role = (typeof ROLES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;

/** A skill with a level 1..5: the offerer's proficiency, or the seeker's current level. */
export interface SkillLevel {
  skill: string;
  level: number;
}

/** A weekly window in the participant's own time zone; `to` may be "24:00". */
export interface AvailabilitySlot {
  day: Weekday;
  from: string;
  to: string;
}

/** One enrolled participant as the engine sees it (API.md enrollment, flattened, with its id). */
export interface Participant {
  id: string;
  role: Role;
  /** How many partners a mentor takes at once; defaults to 1. */
  capacity?: number;
  department?: string;
  location?: string;
  /** Id of the participant's manager; pairs on a reporting line are excluded. */
  managerId?: string;
  /** Experience level 1..5. */
  level: number;
  /** IANA zone name, e.g. "Europe/Berlin". */
  timeZone: string;
  languages: string[];
  skillsOffered?: SkillLevel[];
  skillsSought?: SkillLevel[];
  goals?: string[];
  interests?: string[];
  availability?: AvailabilitySlot[];
  preferences?: { prefer?: string[]; avoid?: string[] };
  previousPartners?: string[];
}

const TIME_OF_DAY = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes since local midnight for "HH:MM" ("24:00" is 1440), or undefined when malformed. */
export function parseTimeOfDay(text: string): number | undefined {
  const found = TIME_OF_DAY.exec(text);
  if (!found) return undefined;
  if (found[1] === undefined) return 24 * 60;
  return Number(found[1]) * 60 + Number(found[2]);
}

const zoneValidity = new Map<string, boolean>();

/** IANA zone check, memoised: luxon builds an Intl formatter per call, which dominates validating big lists. */
function isKnownZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type PathOf = (field: string) => string;

/** Reads one raw participant object field by field, recording every problem. */
class ParticipantReader {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly pathOf: PathOf,
    private readonly issues: IssueCollector,
  ) {}

  private fail(field: string, message: string): undefined {
    this.issues.add(this.pathOf(field), message);
    return undefined;
  }

  text(field: string, required: boolean): string | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null) return required ? this.fail(field, 'is required') : undefined;
    if (typeof value !== 'string' || value.trim() === '') return this.fail(field, 'must be a non-empty string');
    return value;
  }

  integer(field: string, min: number, max: number, fallback: number | undefined): number | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null) {
      return fallback === undefined ? this.fail(field, 'is required') : fallback;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.fail(field, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  texts(field: string, value: unknown = this.raw[field]): string[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      this.fail(field, 'must be an array of strings');
      return [];
    }
    return value as string[];
  }

  skills(field: string): SkillLevel[] {
    const value = this.raw[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(field, 'must be an array of { skill, level }');
      return [];
    }
    const skills: SkillLevel[] = [];
    value.forEach((item: unknown, index) => {
      const at = `${field}[${index}]`;
      if (!isRecord(item) || typeof item.skill !== 'string' || item.skill.trim() === '') {
        this.fail(at, 'must be { skill: non-empty string, level: 1..5 }');
      } else if (typeof item.level !== 'number' || !Number.isInteger(item.level) || item.level < MIN_LEVEL || item.level > MAX_LEVEL) {
        this.fail(`${at}.level`, `must be an integer from ${MIN_LEVEL} to ${MAX_LEVEL}`);
      } else {
        skills.push({ skill: item.skill, level: item.level });
      }
    });
    return skills;
  }

  availability(field: string): AvailabilitySlot[] {
    const value = this.raw[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(field, 'must be an array of { day, from, to }');
      return [];
    }
    const slots: AvailabilitySlot[] = [];
    value.forEach((item: unknown, index) => {
      const at = `${field}[${index}]`;
      if (!isRecord(item)) {
        this.fail(at, 'must be { day, from, to }');
        return;
      }
      const { day, from, to } = item;
      if (typeof day !== 'string' || !(WEEKDAYS as readonly string[]).includes(day)) {
        this.fail(`${at}.day`, `must be one of ${WEEKDAYS.join(', ')}`);
        return;
      }
      const start = typeof from === 'string' ? parseTimeOfDay(from) : undefined;
      const end = typeof to === 'string' ? parseTimeOfDay(to) : undefined;
      if (start === undefined || start === 24 * 60) this.fail(`${at}.from`, 'must be a time "HH:MM" before 24:00');
      else if (end === undefined) this.fail(`${at}.to`, 'must be a time "HH:MM" (24:00 allowed)');
      else if (end <= start) this.fail(`${at}.to`, 'must be after "from"');
      else slots.push({ day: day as Weekday, from: from as string, to: to as string });
    });
    return slots;
  }
}

/** Checks one raw participant; returns it normalised (defaults filled) or undefined after recording issues. */
export function readParticipant(raw: unknown, pathOf: PathOf, issues: IssueCollector): Participant | undefined {
  if (!isRecord(raw)) {
    issues.add(pathOf(''), 'must be an object');
    return undefined;
  }
  const before = issues.count;
  const read = new ParticipantReader(raw, pathOf, issues);
  const id = read.text('id', true);
  const role = raw.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    issues.add(pathOf('role'), `must be one of ${ROLES.join(', ')}`);
  }
  const capacity = read.integer('capacity', 0, 1_000, 1);
  const level = read.integer('level', MIN_LEVEL, MAX_LEVEL, undefined);
  const timeZone = read.text('timeZone', true);
  if (timeZone !== undefined && !isKnownZone(timeZone)) issues.add(pathOf('timeZone'), 'must be an IANA time zone');
  const languages = read.texts('languages');
  if (languages.length === 0) issues.add(pathOf('languages'), 'must list at least one language');
  const preferences = raw.preferences;
  if (preferences !== undefined && preferences !== null && !isRecord(preferences)) {
    issues.add(pathOf('preferences'), 'must be { prefer?, avoid? }');
  }
  const wishes = isRecord(preferences) ? preferences : {};
  const participant: Participant = {
    id: id ?? '',
    role: role as Role,
    capacity,
    department: read.text('department', false),
    location: read.text('location', false),
    managerId: read.text('managerId', false),
    level: level ?? MIN_LEVEL,
    timeZone: timeZone ?? 'UTC',
    languages,
    skillsOffered: read.skills('skillsOffered'),
    skillsSought: read.skills('skillsSought'),
    goals: read.texts('goals'),
    interests: read.texts('interests'),
    availability: read.availability('availability'),
    preferences: { prefer: read.texts('preferences.prefer', wishes.prefer), avoid: read.texts('preferences.avoid', wishes.avoid) },
    previousPartners: read.texts('previousPartners'),
  };
  return issues.count === before ? participant : undefined;
}

/**
 * Validates a whole participant list (shape, ranges, IANA zones, unique ids) and returns it normalised.
 * Throws MatchingInputError listing every problem.
 */
export function validateParticipants(list: readonly unknown[], listPath = 'participants'): Participant[] {
  const issues = new IssueCollector();
  const seen = new Set<string>();
  const valid: Participant[] = [];
  list.forEach((raw, index) => {
    const pathOf: PathOf = (field) => (field === '' ? `${listPath}[${index}]` : `${listPath}[${index}].${field}`);
    const participant = readParticipant(raw, pathOf, issues);
    if (participant === undefined) return;
    if (seen.has(participant.id)) issues.add(pathOf('id'), `duplicate id "${participant.id}"`);
    seen.add(participant.id);
    valid.push(participant);
  });
  issues.throwIfAny();
  return valid;
}
