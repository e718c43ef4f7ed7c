/**
 * KPI formulas of the program dashboard: pure functions over the counts the read models give,
 * so the arithmetic is tested without a database.
 */

/** NPS buckets: 9-10 promote, 0-6 detract, 7-8 are passive. */
export const PROMOTER_MIN = 9;
export const DETRACTOR_MAX = 6;
/** A match whose pulse ratings (1-5) average below this is at risk. */
export const LOW_PULSE_BELOW = 3;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** part / whole as a fraction in [0, 1] with 4 decimals; 0 when there is nothing to divide. */
export function rate(part: number, whole: number): number {
  return whole > 0 ? round(part / whole, 4) : 0;
}

/** Approved participants in an active or proposed match, over approved participants. */
export const matchRate = (matchedApproved: number, approved: number): number => rate(matchedApproved, approved);

/** Answered survey assignments over all assignments. */
export const responseRate = (answered: number, assigned: number): number => rate(answered, assigned);

/** Mean with 2 decimals, or null when there is no value to average. */
export function average(sum: number, count: number): number | null {
  return count > 0 ? round(sum / count, 2) : null;
}

/** Net promoter score: % promoters − % detractors, a whole number in [-100, 100]; null without answers. */
export function netPromoterScore(promoters: number, detractors: number, answers: number): number | null {
  if (answers === 0) return null;
  return Math.round(((promoters - detractors) / answers) * 100);
}

/** What the dashboard query counts for one program. */
export interface ProgramCounts {
  enrollments: { pending: number; approved: number; waitlisted: number; rejected: number; withdrawn: number };
  approvedByRole: { mentor: number; mentee: number; peer: number };
  /** Approved participants who are in a proposed or accepted match. */
  matchedApproved: number;
  matches: { proposed: number; accepted: number; ended: number; declined: number; atRisk: number };
  lastRunAt: Date | null;
  sessions: { scheduled: number; needsTime: number; completed: number; missed: number; cancelled: number };
  surveys: { assigned: number; answered: number };
  pulse: { sum: number; count: number };
  nps: { promoters: number; detractors: number; answers: number };
  endSatisfaction: { sum: number; count: number };
  /** Time of the latest event (or at-risk flag) the counts reflect. */
  updatedAt: Date;
}

export interface Dashboard {
  programId: string;
  enrollments: { byStatus: ProgramCounts['enrollments']; byRole: ProgramCounts['approvedByRole'] };
  matches: { active: number; ended: number; proposed: number; declined: number; matchRate: number; lastRunAt: string | null };
  sessions: ProgramCounts['sessions'];
  surveys: { assigned: number; answered: number; responseRate: number };
  satisfaction: { pulseAverage: number | null; nps: number | null; endSurveyAverage: number | null };
  atRisk: { count: number };
  updatedAt: string;
}

/** The dashboard answer (API.md) from the counts; an accepted match is what the dashboard calls active. */
export function toDashboard(programId: string, c: ProgramCounts): Dashboard {
  return {
    programId,
    enrollments: { byStatus: c.enrollments, byRole: c.approvedByRole },
    matches: {
      active: c.matches.accepted,
      ended: c.matches.ended,
      proposed: c.matches.proposed,
      declined: c.matches.declined,
      matchRate: matchRate(c.matchedApproved, c.enrollments.approved),
      lastRunAt: c.lastRunAt?.toISOString() ?? null,
    },
    sessions: c.sessions,
    surveys: { ...c.surveys, responseRate: responseRate(c.surveys.answered, c.surveys.assigned) },
    satisfaction: {
      pulseAverage: average(c.pulse.sum, c.pulse.count),
      nps: netPromoterScore(c.nps.promoters, c.nps.detractors, c.nps.answers),
      endSurveyAverage: average(c.endSatisfaction.sum, c.endSatisfaction.count),
    },
    atRisk: { count: c.matches.atRisk },
    updatedAt: c.updatedAt.toISOString(),
  };
}
