import type { AvailabilityWindow, EventData } from '@tandem/contracts';
import { uuidv7 } from '@tandem/platform';

const DAY_MS = 86_400_000;

/** Midnight UTC of the Monday `weeks` weeks after this week's. */
export function mondayInWeeks(weeks: number): Date {
  const today = new Date();
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return new Date(midnight - ((today.getUTCDay() + 6) % 7) * DAY_MS + weeks * 7 * DAY_MS);
}

/** A running program starting on the Monday two weeks from now, so the tests never age into the past. */
export const programSnapshot = (programId: string, overrides: Partial<EventData<'enrollment.program.created'>> = {}) => {
  const startsAt = mondayInWeeks(2);
  return {
    programId,
    name: 'Product leads mentoring',
    format: 'mentoring' as const,
    status: 'running' as const,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 20 * 7 * DAY_MS).toISOString(),
    cadence: { every: 2, unit: 'week' as const },
    sessionMinutes: 45,
    matching: { objective: 'optimal' as const, weights: {} },
    ...overrides,
  };
};

export const approval = (
  programId: string,
  participantId: string,
  role: 'mentor' | 'mentee',
  timeZone: string,
  availability: AvailabilityWindow[],
): EventData<'enrollment.enrollment.approved'> => ({
  enrollmentId: uuidv7(),
  programId,
  participantId,
  role,
  status: 'approved',
  profile: {
    capacity: 1, timeZone, languages: ['en'], skillsOffered: [], skillsSought: [], goals: [], interests: [], availability,
    preferences: { prefer: [], avoid: [] },
  },
});

export const matchData = (matchId: string, programId: string, mentor: string, mentee: string) => ({
  matchId,
  programId,
  members: [{ participantId: mentor, role: 'mentor' as const }, { participantId: mentee, role: 'mentee' as const }],
});

/** Weekday, calendar date and HH:mm of an instant on the wall clocks of `zone`. */
export function wallClock(iso: string, zone: string): { day: string; date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return {
    day: parts.weekday!.toLowerCase(),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** Whether [startsAt, endsAt) lies inside `window`, both read on the wall clocks of `zone`. */
export function insideWindow(startsAt: string, endsAt: string, zone: string, window: AvailabilityWindow): boolean {
  const start = wallClock(startsAt, zone);
  const end = wallClock(endsAt, zone);
  return start.day === window.day && start.date === end.date && start.time >= window.from && end.time <= window.to;
}
