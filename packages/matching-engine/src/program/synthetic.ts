import type { AvailabilitySlot, Participant, Role, SkillLevel } from '../scoring/participant';
import { WEEKDAYS } from '../scoring/participant';

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same population everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SyntheticOptions {
  mentors?: number;
  mentees?: number;
  peers?: number;
  seed?: number;
}

const ZONES = [
  'Europe/Berlin', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles',
  'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney', 'Africa/Lagos',
];
const OTHER_LANGUAGES = ['de', 'fr', 'es', 'pt', 'ja', 'hi'];
const GOAL_VERBS = ['lead', 'grow', 'improve', 'learn', 'master', 'practise'];
const GOAL_TOPICS = ['people management', 'public speaking', 'negotiation', 'system design', 'career change', 'data analysis', 'product strategy'];
const SKILL_COUNT = 120;
const INTEREST_COUNT = 80;
const DEPARTMENT_COUNT = 25;
const LOCATION_COUNT = 15;

/**
 * A deterministic synthetic population for benchmarks, demos and tests: skewed skill and interest popularity
 * (a few very common ones, a long tail), a dozen time zones with office-hour availability, mostly English
 * speakers, a few avoid/prefer wishes and reporting lines. Ids are `mentor-000001`, `mentee-000001`, `peer-000001`.
 */
export function syntheticParticipants(options: SyntheticOptions): Participant[] {
  const random = seededRandom(options.seed ?? 1);
  const pick = (count: number): number => Math.floor(count * random() * random()); // skewed to low indices
  const uniform = (count: number): number => Math.floor(count * random());
  const groups: [Role, number][] = [
    ['mentor', options.mentors ?? 0],
    ['mentee', options.mentees ?? 0],
    ['peer', options.peers ?? 0],
  ];
  const ids = groups.flatMap(([role, count]) => Array.from({ length: count }, (_, i) => `${role}-${String(i + 1).padStart(6, '0')}`));
  const people: Participant[] = [];
  for (const [role, count] of groups) {
    for (let i = 0; i < count; i++) {
      const id = `${role}-${String(i + 1).padStart(6, '0')}`;
      const level = role === 'mentor' ? 3 + uniform(3) : role === 'mentee' ? 1 + uniform(3) : 1 + uniform(5);
      const skills = (howMany: number, low: number, high: number): SkillLevel[] =>
        Array.from({ length: howMany }, () => ({ skill: `skill-${pick(SKILL_COUNT)}`, level: low + uniform(high - low + 1) }));
      const slots: AvailabilitySlot[] = Array.from({ length: 2 + uniform(3) }, () => {
        const start = 8 + uniform(8);
        const hours = 1 + uniform(3);
        return {
          day: WEEKDAYS[uniform(5)] ?? 'mon',
          from: `${String(start).padStart(2, '0')}:00`,
          to: `${String(Math.min(24, start + hours)).padStart(2, '0')}:00`,
        };
      });
      const languages = random() < 0.9 ? ['en'] : [];
      if (languages.length === 0 || random() < 0.3) languages.push(OTHER_LANGUAGES[uniform(OTHER_LANGUAGES.length)] ?? 'de');
      const someone = (): string => ids[uniform(ids.length)] ?? id;
      people.push({
        id,
        role,
        capacity: role === 'mentor' ? 3 + uniform(3) : 1,
        department: `department-${pick(DEPARTMENT_COUNT)}`,
        location: `location-${pick(LOCATION_COUNT)}`,
        managerId: random() < 0.1 ? someone() : undefined,
        level,
        timeZone: ZONES[pick(ZONES.length)] ?? 'UTC',
        languages,
        skillsOffered: role === 'mentee' ? [] : skills(2 + uniform(4), 3, 5),
        skillsSought: role === 'mentor' ? [] : skills(1 + uniform(3), 1, 3),
        goals: Array.from({ length: 1 + uniform(2) }, () => `${GOAL_VERBS[uniform(GOAL_VERBS.length)]} ${GOAL_TOPICS[pick(GOAL_TOPICS.length)]}`),
        interests: Array.from({ length: 2 + uniform(4) }, () => `interest-${pick(INTEREST_COUNT)}`),
        availability: slots,
        preferences: { prefer: random() < 0.05 ? [someone()] : [], avoid: random() < 0.02 ? [someone()] : [] },
        previousPartners: random() < 0.02 ? [someone()] : [],
      });
    }
  }
  return people;
}
