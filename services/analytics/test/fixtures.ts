import { topicForEvent, type Envelope, type EventData, type EventType } from '@tandem/contracts';
import { createEvent, uuidv7 } from '@tandem/platform';
import { eventually, type TestService } from '@tandem/platform/testing';

/** Payloads shaped like the producers' events, with overridable fields. */
export const programData = (programId: string, overrides: Partial<EventData<'enrollment.program.created'>> = {}) => ({
  programId,
  name: 'Product leads mentoring',
  format: 'mentoring' as const,
  status: 'enrolling' as const,
  startsAt: '2027-01-11T00:00:00Z',
  endsAt: '2027-06-30T00:00:00Z',
  cadence: { every: 1, unit: 'week' as const },
  sessionMinutes: 45,
  matching: { objective: 'optimal' as const, weights: { skills: 3 } },
  ...overrides,
});

export type Role = 'mentor' | 'mentee' | 'peer';
export type EnrollmentStatus = 'pending' | 'approved' | 'waitlisted' | 'rejected' | 'withdrawn';

export const enrollmentData = (programId: string, enrollmentId: string, participantId: string, role: Role, status: EnrollmentStatus) =>
  ({ enrollmentId, programId, participantId, role, status });

export const profile = {
  capacity: 1, timeZone: 'Europe/Berlin', languages: ['en'], skillsOffered: [], skillsSought: [], goals: [], interests: [],
  availability: [], preferences: { prefer: [], avoid: [] },
};

export const matchData = (programId: string, matchId: string, mentor: string, mentee: string) => ({
  matchId, programId, members: [{ participantId: mentor, role: 'mentor' as const }, { participantId: mentee, role: 'mentee' as const }],
});

export const sessionData = (programId: string, matchId: string, sessionId: string, startsAt: string) => ({
  sessionId, matchId, programId, startsAt, endsAt: new Date(Date.parse(startsAt) + 45 * 60_000).toISOString(),
});

/**
 * Publishes events as their producers would, with control over the envelope (a redelivery
 * reuses one, an out-of-order event carries an older time), and waits until analytics applied
 * each new one.
 */
export class Producer {
  private clock = Date.parse('2027-01-01T00:00:00Z');
  /** A program of this tenant that tests never look at. */
  private readonly elsewhere = uuidv7();

  constructor(
    private readonly svc: TestService,
    readonly tenantId: string,
  ) {}

  /** An envelope one second after the previous one (times are what order a row's updates). */
  event<T extends EventType>(type: T, subject: string, data: EventData<T>, time?: string): Envelope<EventData<T>> {
    this.clock += 1000;
    return { ...createEvent('test', this.tenantId, type, subject, data), time: time ?? new Date(this.clock).toISOString() };
  }

  async deliver(...events: Envelope[]): Promise<void> {
    for (const e of events) {
      await this.svc.bus.publish([{ topic: topicForEvent(e.type as EventType), key: e.subject, value: JSON.stringify(e), headers: {} }]);
    }
    await Promise.all(events.map((e) => this.applied(e.id)));
  }

  /**
   * Sends an event the consumer already had (same envelope), then waits until it went through:
   * a later event on the same topic (one ordered log per producer) about a program nobody
   * looks at has been applied.
   */
  async redeliver(e: Envelope): Promise<void> {
    await this.svc.bus.publish([{ topic: topicForEvent(e.type as EventType), key: e.subject, value: JSON.stringify(e), headers: {} }]);
    const producer = e.type.split('.')[0];
    const elsewhere = this.elsewhere;
    const marker = {
      enrollment: () => this.event('enrollment.program.updated', elsewhere, programData(elsewhere)),
      matching: () => this.event('matching.run.completed', elsewhere, {
        runId: uuidv7(), programId: elsewhere, objective: 'optimal', matchCount: 0, unmatchedCount: 0, totalScore: 0, dryRun: true,
      }),
      scheduling: () => this.event('scheduling.session.scheduled', elsewhere, sessionData(elsewhere, uuidv7(), uuidv7(), '2027-01-01T10:00:00Z')),
      surveys: () => this.event('surveys.survey.assigned', elsewhere, {
        assignmentId: uuidv7(), programId: elsewhere, participantId: uuidv7(), kind: 'baseline', dueAt: '2027-01-01T10:00:00Z',
      }),
    }[producer as 'enrollment' | 'matching' | 'scheduling' | 'surveys'];
    await this.deliver(marker());
  }

  async emit<T extends EventType>(type: T, subject: string, data: EventData<T>, time?: string): Promise<Envelope<EventData<T>>> {
    const e = this.event(type, subject, data, time);
    await this.deliver(e);
    return e;
  }

  /** Waits until the consumer recorded the event in its inbox (its transaction committed). */
  private applied(eventId: string): Promise<true> {
    return eventually(async () => {
      const r = await this.svc.ctx.db.asOwner((sql) => sql.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId]));
      return r.rows.length === 1;
    });
  }
}
