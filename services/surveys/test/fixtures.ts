import type { EventData } from '@tandem/contracts';
import { uuidv7 } from '@tandem/platform';

const DAY_MS = 86_400_000;

/** A program that starts `startsInDays` from now (negative: it has started). */
export const programSnapshot = (programId: string, startsInDays = 14, status: 'enrolling' | 'running' | 'closed' = 'enrolling') => ({
  programId,
  name: 'Product leads mentoring',
  format: 'mentoring' as const,
  status,
  startsAt: new Date(Date.now() + startsInDays * DAY_MS).toISOString(),
  endsAt: new Date(Date.now() + (startsInDays + 140) * DAY_MS).toISOString(),
  cadence: { every: 2, unit: 'week' as const },
  sessionMinutes: 45,
  matching: { objective: 'optimal' as const, weights: {} },
});

export const approval = (programId: string, participantId: string, skillsSought = ['negotiation']): EventData<'enrollment.enrollment.approved'> => ({
  enrollmentId: uuidv7(),
  programId,
  participantId,
  role: 'mentee',
  status: 'approved',
  profile: {
    capacity: 1, timeZone: 'Europe/Berlin', languages: ['en'], skillsOffered: [],
    skillsSought: skillsSought.map((skill) => ({ skill, level: 2 })), goals: ['lead a team'], interests: [],
    availability: [{ day: 'tue', from: '09:00', to: '12:00' }], preferences: { prefer: [], avoid: [] },
  },
});

export const completedSession = (programId: string, members: string[]): EventData<'scheduling.session.completed'> => ({
  sessionId: uuidv7(),
  matchId: uuidv7(),
  programId,
  startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  endsAt: new Date(Date.now() - 900_000).toISOString(),
  members,
  status: 'completed',
});
