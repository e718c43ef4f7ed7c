import { describe, expect, it } from 'vitest';
import { person, scorePair } from './test-people';

describe('hard constraints', () => {
  it('lists every pair constraint checked and passed for a clean pair', () => {
    const { report } = scorePair(person('a', { role: 'mentee' }), person('b', { role: 'mentor' }), { format: 'mentoring' });
    expect(report.constraints).toEqual(['roles', 'avoid', 'previous-partner', 'shared-language', 'reporting-line', 'min-availability']);
    expect(report.violations).toEqual([]);
  });

  it('excludes a pair that either side wants to avoid', () => {
    expect(scorePair(person('a', { preferences: { avoid: ['b'] } }), person('b')).report.violations).toEqual(['avoid']);
    expect(scorePair(person('a'), person('b', { preferences: { avoid: ['a'] } })).report.violations).toEqual(['avoid']);
  });

  it('excludes previous partners, listed on either side', () => {
    expect(scorePair(person('a', { previousPartners: ['b'] }), person('b')).report.violations).toEqual(['previous-partner']);
    expect(scorePair(person('a'), person('b', { previousPartners: ['a'] })).report.violations).toEqual(['previous-partner']);
  });

  it('excludes a reporting line in either direction', () => {
    expect(scorePair(person('a', { managerId: 'b' }), person('b')).report.violations).toEqual(['reporting-line']);
    expect(scorePair(person('a'), person('b', { managerId: 'a' })).report.violations).toEqual(['reporting-line']);
    expect(scorePair(person('a', { managerId: 'c' }), person('b', { managerId: 'c' })).report.violations).toEqual([]);
  });

  it('excludes pairs sharing less weekly time than the program minimum; 0 disables the check', () => {
    const a = person('a', { availability: [{ day: 'tue', from: '10:00', to: '10:20' }] });
    const b = person('b', { availability: [{ day: 'tue', from: '09:00', to: '12:00' }] });
    expect(scorePair(a, b).report.violations).toEqual(['min-availability']);
    expect(scorePair(a, b, { minOverlapMinutes: 20 }).report.violations).toEqual([]);
    const off = scorePair(a, b, { minOverlapMinutes: 0 }).report;
    expect(off.violations).toEqual([]);
    expect(off.constraints).not.toContain('min-availability');
  });

  it('needs one mentor and one mentee in mentoring; any two people in peer formats', () => {
    const mentees = scorePair(person('a', { role: 'mentee' }), person('b', { role: 'mentee' }), { format: 'mentoring' }).report;
    expect(mentees.violations).toEqual(['roles']);
    const peers = scorePair(person('a', { role: 'mentor' }), person('b', { role: 'mentee' }), { format: 'peer' }).report;
    expect(peers.constraints).not.toContain('roles');
  });

  it('reports several violations together and still scores the pair', () => {
    const { report } = scorePair(person('a', { languages: ['fr'], previousPartners: ['b'] }), person('b', { languages: ['de'] }));
    expect(report.violations).toEqual(['previous-partner', 'shared-language']);
    expect(report.score).toBeGreaterThan(0);
  });
});
