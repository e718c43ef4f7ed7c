import { describe, expect, it } from 'vitest';
import { person } from '../scoring/test-people';
import { scoreManualMatch, suggestCandidates } from './manual';
import type { ProgramSettings } from './settings';
import { syntheticParticipants } from './synthetic';

const mentoring: ProgramSettings = { format: 'mentoring', objective: 'optimal' };

describe('suggestCandidates', () => {
  const people = syntheticParticipants({ mentors: 40, mentees: 60, seed: 8 });

  it('returns the k best feasible partners, best first, each with its explanation', () => {
    const suggestions = suggestCandidates(mentoring, people, 'mentee-000001', 5);
    expect(suggestions).toHaveLength(5);
    const mentee = people.find((p) => p.id === 'mentee-000001') ?? person('missing');
    const everyone = people
      .filter((p) => p.role === 'mentor')
      .map((mentor) => ({ id: mentor.id, ...scoreManualMatch(mentoring, mentee, mentor) }))
      .filter((report) => report.violations.length === 0)
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
    expect(suggestions.map((s) => s.participantId)).toEqual(everyone.slice(0, 5).map((r) => r.id));
    for (const suggestion of suggestions) {
      expect(suggestion.role).toBe('mentor');
      expect(Object.values(suggestion.explanation).reduce((x, y) => x + y, 0)).toBeCloseTo(suggestion.score, 12);
    }
  });

  it('leaves out people without room for another match', () => {
    const small = [person('m1', { role: 'mentor' }), person('m2', { role: 'mentor' }), person('e1', { role: 'mentee' }), person('e2', { role: 'mentee' })];
    const suggestions = suggestCandidates(mentoring, small, 'e2', 5, { existing: [{ members: ['m1', 'e1'] }] });
    expect(suggestions.map((s) => s.participantId)).toEqual(['m2']);
  });

  it('rejects an unknown participant', () => {
    expect(() => suggestCandidates(mentoring, people, 'nobody', 3)).toThrow(/unknown participant/);
  });
});

describe('scoreManualMatch', () => {
  it('scores the pair and lists passed and violated constraints', () => {
    const mentor = person('m', { role: 'mentor', preferences: { avoid: ['e'] } });
    const mentee = person('e', { role: 'mentee' });
    const report = scoreManualMatch(mentoring, mentee, mentor);
    expect(report.violations).toEqual(['avoid']);
    expect(report.constraints).toEqual(['roles', 'previous-partner', 'shared-language', 'reporting-line', 'min-availability']);
    expect(Object.values(report.explanation).reduce((x, y) => x + y, 0)).toBeCloseTo(report.score, 12);
  });

  it('checks capacity against existing matches when given', () => {
    const mentor = person('m', { role: 'mentor', capacity: 1 });
    const mentee = person('e', { role: 'mentee' });
    expect(scoreManualMatch(mentoring, mentee, mentor, { existing: [] }).constraints).toContain('capacity');
    expect(scoreManualMatch(mentoring, mentee, mentor, { existing: [{ members: ['m', 'x'] }] }).violations).toEqual(['capacity']);
    expect(scoreManualMatch(mentoring, mentee, mentor).constraints).not.toContain('capacity');
  });
});
