import { describe, expect, it } from 'vitest';
import { average, matchRate, netPromoterScore, rate, responseRate, toDashboard, type ProgramCounts } from './kpi';

describe('KPI formulas', () => {
  it('rates are fractions with 4 decimals and 0 when the whole is empty', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBe(0);
    expect(matchRate(6, 6)).toBe(1);
    expect(matchRate(3, 0)).toBe(0);
    expect(responseRate(7, 10)).toBe(0.7);
    expect(responseRate(0, 0)).toBe(0);
  });

  it('NPS is % promoters minus % detractors, null without answers', () => {
    expect(netPromoterScore(0, 0, 0)).toBeNull();
    expect(netPromoterScore(5, 2, 10)).toBe(30);
    expect(netPromoterScore(0, 4, 4)).toBe(-100);
    expect(netPromoterScore(3, 0, 3)).toBe(100);
    expect(netPromoterScore(1, 1, 3)).toBe(0);
    expect(netPromoterScore(2, 1, 3)).toBe(33);
  });

  it('averages have 2 decimals and are null without values', () => {
    expect(average(0, 0)).toBeNull();
    expect(average(10, 4)).toBe(2.5);
    expect(average(10, 3)).toBe(3.33);
  });

  it('maps counts to the dashboard answer, accepted matches being the active ones', () => {
    const counts: ProgramCounts = {
      enrollments: { pending: 1, approved: 4, waitlisted: 1, rejected: 0, withdrawn: 2 },
      approvedByRole: { mentor: 2, mentee: 2, peer: 0 },
      matchedApproved: 3,
      matches: { proposed: 1, accepted: 1, ended: 1, declined: 0, atRisk: 1 },
      lastRunAt: new Date('2027-01-12T10:00:00Z'),
      sessions: { scheduled: 2, needsTime: 0, completed: 1, missed: 1, cancelled: 0 },
      surveys: { assigned: 8, answered: 2 },
      pulse: { sum: 7, count: 2 },
      nps: { promoters: 1, detractors: 1, answers: 2 },
      endSatisfaction: { sum: 0, count: 0 },
      updatedAt: new Date('2027-01-13T10:00:00Z'),
    };
    expect(toDashboard('p1', counts)).toEqual({
      programId: 'p1',
      enrollments: { byStatus: counts.enrollments, byRole: { mentor: 2, mentee: 2, peer: 0 } },
      matches: { active: 1, ended: 1, proposed: 1, declined: 0, matchRate: 0.75, lastRunAt: '2027-01-12T10:00:00.000Z' },
      sessions: counts.sessions,
      surveys: { assigned: 8, answered: 2, responseRate: 0.25 },
      satisfaction: { pulseAverage: 3.5, nps: 0, endSurveyAverage: null },
      atRisk: { count: 1 },
      updatedAt: '2027-01-13T10:00:00.000Z',
    });
  });
});
