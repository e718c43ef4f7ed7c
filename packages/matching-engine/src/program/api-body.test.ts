import { describe, expect, it } from 'vitest';
import { participantsFromEnrollments, programSettingsFromBody } from './api-body';

describe('programSettingsFromBody', () => {
  it('reads an API.md program body', () => {
    const body = {
      name: 'Product leads', format: 'peer', objectives: ['grow'], startsAt: '2027-01-10T00:00:00Z', endsAt: '2027-06-30T00:00:00Z',
      cadence: { every: 2, unit: 'week' }, sessionMinutes: 45, circleSize: 4,
      matching: { objective: 'stable', weights: { skills: 3, goals: 2 }, minOverlapMinutes: 0 },
    };
    expect(programSettingsFromBody(body)).toEqual({
      format: 'peer', objective: 'stable', weights: { skills: 3, goals: 2 }, startsAt: '2027-01-10T00:00:00Z',
      cadence: { every: 2, unit: 'week' }, sessionMinutes: 45, circleSize: 4, minOverlapMinutes: 0,
    });
  });

  it('defaults the objective to optimal and rejects bad fields', () => {
    expect(programSettingsFromBody({ format: 'circle' })).toEqual({ format: 'circle', objective: 'optimal' });
    expect(() => programSettingsFromBody({ format: 'speed-dating' })).toThrow(/format/);
    expect(() => programSettingsFromBody({ format: 'peer', cadence: 'weekly' })).toThrow(/cadence/);
    expect(() => programSettingsFromBody('peer')).toThrow(/program/);
  });
});

describe('participantsFromEnrollments', () => {
  it('flattens enrollment bodies into participants', () => {
    const [participant] = participantsFromEnrollments([
      {
        id: 'e1',
        participant: { email: 'a@example.com', name: 'A', department: 'Legal', level: 3, timeZone: 'Europe/Berlin', languages: ['en', 'de'], managerId: 'e9' },
        role: 'mentee',
        skillsSought: [{ skill: 'public-speaking', level: 2 }],
        goals: ['speak up'],
        availability: [{ day: 'tue', from: '10:00', to: '11:30' }],
        preferences: { prefer: ['e2'], avoid: [] },
        previousPartners: ['e3'],
      },
    ]);
    expect(participant).toMatchObject({
      id: 'e1', role: 'mentee', department: 'Legal', level: 3, managerId: 'e9', languages: ['en', 'de'],
      skillsSought: [{ skill: 'public-speaking', level: 2 }], preferences: { prefer: ['e2'], avoid: [] }, previousPartners: ['e3'],
    });
  });

  it('reports problems at their enrollment paths', () => {
    expect(() => participantsFromEnrollments([{ role: 'mentee', participant: { level: 2, timeZone: 'UTC', languages: 'en' } }])).toThrow(
      /enrollments\[0\]\.id: is required.*enrollments\[0\]\.participant\.languages: must be an array of strings/,
    );
    expect(() => participantsFromEnrollments({})).toThrow(/enrollments: must be an array/);
  });
});
