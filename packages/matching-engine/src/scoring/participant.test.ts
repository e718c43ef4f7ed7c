import { describe, expect, it } from 'vitest';
import { MatchingInputError } from './input-error';
import { validateParticipants } from './participant';
import { person } from './test-people';

function issuesOf(list: unknown[]): string[] {
  try {
    validateParticipants(list);
  } catch (error) {
    if (error instanceof MatchingInputError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('validateParticipants', () => {
  it('fills defaults and keeps valid participants', () => {
    const [valid] = validateParticipants([{ id: 'a', role: 'mentor', level: 4, timeZone: 'Asia/Tokyo', languages: ['ja'] }]);
    expect(valid).toMatchObject({ capacity: 1, skillsOffered: [], availability: [], preferences: { prefer: [], avoid: [] } });
  });

  it('reports every problem with its path', () => {
    const issues = issuesOf([
      { ...person('a'), timeZone: 'Mars/Olympus', level: 7 },
      { ...person('a'), role: 'boss', availability: [{ day: 'mon', from: '12:00', to: '11:00' }, { day: 'funday', from: '09:00', to: '10:00' }] },
      { ...person('c'), skillsSought: [{ skill: 'x', level: 0 }], languages: [], capacity: -1 },
      'nobody',
    ]);
    expect(issues).toEqual([
      'participants[0].level: must be an integer from 1 to 5',
      'participants[0].timeZone: must be an IANA time zone',
      'participants[1].role: must be one of mentor, mentee, peer',
      'participants[1].availability[0].to: must be after "from"',
      'participants[1].availability[1].day: must be one of mon, tue, wed, thu, fri, sat, sun',
      'participants[2].capacity: must be an integer from 0 to 1000',
      'participants[2].languages: must list at least one language',
      'participants[2].skillsSought[0].level: must be an integer from 1 to 5',
      'participants[3]: must be an object',
    ]);
  });

  it('rejects duplicate ids and malformed times', () => {
    expect(issuesOf([person('a'), person('a')])).toEqual(['participants[1].id: duplicate id "a"']);
    expect(issuesOf([person('b', { availability: [{ day: 'tue', from: '9:00', to: '24:00' }] })])).toEqual([
      'participants[0].availability[0].from: must be a time "HH:MM" before 24:00',
    ]);
  });

  it('accepts 24:00 as the end of a day', () => {
    expect(() => validateParticipants([person('a', { availability: [{ day: 'sun', from: '22:00', to: '24:00' }] })])).not.toThrow();
  });
});
