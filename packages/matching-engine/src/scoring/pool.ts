import type { Participant, Role } from './participant';
import type { ResolvedScoring } from './settings';
import { MASK_WORDS, WeekProjector, markHours } from './availability';
import { contentWords, normaliseKey, normaliseLanguage } from './tokens';

/** Compressed rows: row r holds `items[offsets[r] .. offsets[r + 1])`. */
export interface Csr {
  offsets: Int32Array;
  items: Int32Array;
}

/** Rows of (id, level) pairs sorted by id. */
export interface LevelledCsr extends Csr {
  levels: Uint8Array;
}

export const ROLE_CODE: Readonly<Record<Role, number>> = { mentor: 0, mentee: 1, peer: 2 };

/**
 * Per-person fields the candidate search reads for every person it looks at, packed into PROFILE_INTS int32s
 * (64 bytes, about one cache line) so that looking at a random person costs one memory fetch, not ten.
 */
export const PROFILE_INTS = 16;
export const PROFILE = {
  /** Bit (language id mod 32) per spoken language: no common bit means no common language. */
  languageBits: 0,
  level: 1,
  department: 2,
  location: 3,
  manager: 4,
  role: 5,
  flags: 6,
  goalWords: 7,
  interestWords: 8,
  soughtSkills: 9,
  /** MASK_WORDS words: the hours of the reference week the person's availability touches. */
  hourMask: 10,
} as const;
/** PROFILE.flags bits: which optional lists a person has, so empty ones are never searched. */
export const HAS_AVOID = 1;
export const HAS_PREVIOUS = 2;
export const HAS_PREFER = 4;
export const HAS_AVAILABILITY = 8;
if (PROFILE.hourMask + MASK_WORDS > PROFILE_INTS) throw new Error('the hour mask does not fit the packed profile');
export const MENTOR = ROLE_CODE.mentor;
export const MENTEE = ROLE_CODE.mentee;

/**
 * Participants compiled for fast pair scoring: sorted by id (index order is id order, which breaks ties),
 * names interned to integers, lists as sorted typed-array rows, availability as UTC minutes of the reference week.
 */
export interface Pool {
  size: number;
  participants: Participant[];
  ids: string[];
  indexOf: ReadonlyMap<string, number>;
  role: Uint8Array;
  capacity: Int32Array;
  level: Uint8Array;
  department: Int32Array;
  location: Int32Array;
  manager: Int32Array;
  languages: Csr;
  offered: LevelledCsr;
  sought: LevelledCsr;
  goals: Csr;
  interests: Csr;
  /** Flat `[start, end)` minute pairs; an empty row means availability was not stated. */
  availability: Csr;
  prefer: Csr;
  avoid: Csr;
  previous: Csr;
  /** PROFILE_INTS int32s per person, laid out as PROFILE. */
  profile: Int32Array;
  skillCount: number;
  wordCount: number;
  languageCount: number;
}

/** Assigns dense integer ids to strings in first-seen order. */
class Interner {
  private readonly ids = new Map<string, number>();

  id(key: string): number {
    let found = this.ids.get(key);
    if (found === undefined) {
      found = this.ids.size;
      this.ids.set(key, found);
    }
    return found;
  }

  get size(): number {
    return this.ids.size;
  }
}

class CsrBuilder {
  private readonly offsets: number[] = [0];
  private readonly items: number[] = [];
  private readonly levels: number[] = [];

  /** Appends one row; values are sorted and de-duplicated (keeping the highest level). */
  addRow(values: readonly number[], levels?: readonly number[]): void {
    const order = values.map((_, index) => index).sort((x, y) => (values[x] ?? 0) - (values[y] ?? 0));
    let previous = -1;
    for (const index of order) {
      const value = values[index] ?? 0;
      const level = levels?.[index] ?? 0;
      if (value === previous) {
        const last = this.levels.length - 1;
        this.levels[last] = Math.max(this.levels[last] ?? 0, level);
        continue;
      }
      this.items.push(value);
      this.levels.push(level);
      previous = value;
    }
    this.offsets.push(this.items.length);
  }

  /** Appends a row kept in the given order (interval pairs). */
  addRaw(values: readonly number[]): void {
    this.items.push(...values);
    this.offsets.push(this.items.length);
  }

  build(): LevelledCsr {
    return { offsets: Int32Array.from(this.offsets), items: Int32Array.from(this.items), levels: Uint8Array.from(this.levels) };
  }
}

function rowSize(rows: Csr, row: number): number {
  return (rows.offsets[row + 1] ?? 0) - (rows.offsets[row] ?? 0);
}

function compareIds(a: Participant, b: Participant): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Compiles validated participants; the pool is independent of the input order. */
export function compilePool(list: readonly Participant[], scoring: ResolvedScoring): Pool {
  const participants = [...list].sort(compareIds);
  const size = participants.length;
  const indexOf = new Map(participants.map((participant, index) => [participant.id, index]));
  const skills = new Interner();
  const words = new Interner();
  const languages = new Interner();
  const departments = new Interner();
  const locations = new Interner();
  const projector = new WeekProjector(scoring.referenceWeek);
  const builders = {
    languages: new CsrBuilder(),
    offered: new CsrBuilder(),
    sought: new CsrBuilder(),
    goals: new CsrBuilder(),
    interests: new CsrBuilder(),
    availability: new CsrBuilder(),
    prefer: new CsrBuilder(),
    avoid: new CsrBuilder(),
    previous: new CsrBuilder(),
  };
  const role = new Uint8Array(size);
  const capacity = new Int32Array(size);
  const level = new Uint8Array(size);
  const department = new Int32Array(size).fill(-1);
  const location = new Int32Array(size).fill(-1);
  const manager = new Int32Array(size).fill(-1);
  const profile = new Int32Array(size * PROFILE_INTS);
  const known = (ids: readonly string[] | undefined): number[] =>
    (ids ?? []).map((id) => indexOf.get(id)).filter((index): index is number => index !== undefined);

  participants.forEach((participant, index) => {
    role[index] = ROLE_CODE[participant.role];
    capacity[index] = participant.capacity ?? 1;
    level[index] = participant.level;
    if (participant.department !== undefined) department[index] = departments.id(normaliseKey(participant.department));
    if (participant.location !== undefined) location[index] = locations.id(normaliseKey(participant.location));
    manager[index] = participant.managerId === undefined ? -1 : (indexOf.get(participant.managerId) ?? -1);
    const spoken = participant.languages.map((tag) => languages.id(normaliseLanguage(tag)));
    builders.languages.addRow(spoken);
    const offered = participant.skillsOffered ?? [];
    builders.offered.addRow(offered.map((entry) => skills.id(normaliseKey(entry.skill))), offered.map((entry) => entry.level));
    const sought = participant.skillsSought ?? [];
    builders.sought.addRow(sought.map((entry) => skills.id(normaliseKey(entry.skill))), sought.map((entry) => entry.level));
    builders.goals.addRow(contentWords(participant.goals ?? []).map((word) => words.id(word)));
    builders.interests.addRow(contentWords(participant.interests ?? []).map((word) => words.id(word)));
    const intervals = projector.project(participant.timeZone, participant.availability ?? []);
    builders.availability.addRaw(intervals);
    const prefer = known(participant.preferences?.prefer);
    const avoid = known(participant.preferences?.avoid);
    const previous = known(participant.previousPartners);
    builders.prefer.addRow(prefer);
    builders.avoid.addRow(avoid);
    builders.previous.addRow(previous);

    const at = index * PROFILE_INTS;
    for (const language of spoken) profile[at + PROFILE.languageBits] = (profile[at + PROFILE.languageBits] ?? 0) | (1 << (language & 31));
    profile[at + PROFILE.level] = level[index] ?? 0;
    profile[at + PROFILE.department] = department[index] ?? -1;
    profile[at + PROFILE.location] = location[index] ?? -1;
    profile[at + PROFILE.manager] = manager[index] ?? -1;
    profile[at + PROFILE.role] = role[index] ?? 0;
    profile[at + PROFILE.flags] =
      (avoid.length > 0 ? HAS_AVOID : 0) | (previous.length > 0 ? HAS_PREVIOUS : 0) | (prefer.length > 0 ? HAS_PREFER : 0) | (intervals.length > 0 ? HAS_AVAILABILITY : 0);
    markHours(intervals, profile, at + PROFILE.hourMask);
  });
  const goals = builders.goals.build();
  const interests = builders.interests.build();
  const sought = builders.sought.build();
  for (let p = 0; p < size; p++) {
    profile[p * PROFILE_INTS + PROFILE.goalWords] = rowSize(goals, p);
    profile[p * PROFILE_INTS + PROFILE.interestWords] = rowSize(interests, p);
    profile[p * PROFILE_INTS + PROFILE.soughtSkills] = rowSize(sought, p);
  }

  return {
    size,
    participants,
    ids: participants.map((participant) => participant.id),
    indexOf,
    role,
    capacity,
    level,
    department,
    location,
    manager,
    languages: builders.languages.build(),
    offered: builders.offered.build(),
    sought,
    goals,
    interests,
    availability: builders.availability.build(),
    profile,
    prefer: builders.prefer.build(),
    avoid: builders.avoid.build(),
    previous: builders.previous.build(),
    skillCount: skills.size,
    wordCount: words.size,
    languageCount: languages.size,
  };
}
