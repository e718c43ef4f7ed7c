import type { AvailabilityWindow, Envelope } from '@tandem/contracts';
import { createEvent, uuidv7 } from '@tandem/platform';
import { applyInterleaved, eventually, startTestService, type TestService } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchedulingService, markMissedSessions, schedulingService } from '../src/index';
import { matchHandlers } from '../src/match-events';
import { projectionHandlers } from '../src/projections';
import { approval, insideWindow, matchData, programSnapshot } from './fixtures';

interface SessionJson {
  id: string;
  matchId: string;
  programId: string;
  startsAt: string;
  endsAt: string;
  status: string;
  members: string[];
}
type SessionEvent = Envelope<{ sessionId: string; matchId: string; startsAt: string; members?: string[]; status?: string }>;

let svc: TestService;
const tenantA = uuidv7();
const tenantB = uuidv7();
const seen: SessionEvent[] = [];
const DAY_MS = 86_400_000;

beforeAll(async () => {
  svc = await startTestService(schedulingService, { database: 'scheduling' });
  await svc.bus.subscribe({ group: 'probe', topics: ['tandem.scheduling'] }, async (m) => {
    seen.push(JSON.parse(m.value));
  });
});
afterAll(() => svc?.stop());

const call = (method: 'GET' | 'POST', url: string, body?: unknown, headers = svc.as(tenantA)) =>
  svc.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });

const countRows = (tenantId: string, table: 'availability' | 'meeting_plans' | 'sessions' | 'waiting_matches', matchOrProgram: string, on = svc) =>
  on.ctx.db.withTenant(tenantId, async (sql) => {
    const column = table === 'availability' ? 'program_id' : 'match_id';
    const r = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [matchOrProgram]);
    return r.rows[0]!.n;
  });

const eventsOf = (type: string, sessionId: string) => seen.filter((e) => e.type === type && e.data.sessionId === sessionId);

// Tuesday afternoons in Berlin and Tuesday mornings in New York overlap by three hours or more
// whatever the daylight-saving state of either city.
const berlinTuesday: AvailabilityWindow = { day: 'tue', from: '15:00', to: '20:00' };
const newYorkTuesday: AvailabilityWindow = { day: 'tue', from: '08:00', to: '13:00' };

/** A program, two approved participants and their accepted match; resolves once the first session is planned. */
async function acceptedMatch(tenantId = tenantA, windows = { mentor: [berlinTuesday], mentee: [newYorkTuesday] }, on = () => svc) {
  const svc = on();
  const call = (method: 'GET', url: string, _body: undefined, headers: Record<string, string>) => svc.app.inject({ method, url, headers });
  const programId = uuidv7();
  const mentor = uuidv7();
  const mentee = uuidv7();
  const matchId = uuidv7();
  const program = programSnapshot(programId);
  await svc.publish(tenantId, 'enrollment.program.created', programId, program);
  await svc.publish(tenantId, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentor, 'mentor', 'Europe/Berlin', windows.mentor));
  await svc.publish(tenantId, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentee, 'mentee', 'America/New_York', windows.mentee));
  // Enrollment and matching are separate topics with no order between them: wait for the projection.
  await eventually(async () => (await countRows(tenantId, 'availability', programId, svc)) === 2);
  await svc.publish(tenantId, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee));
  const sessions = await eventually(async () => {
    const r = await call('GET', `/v1/matches/${matchId}/sessions`, undefined, svc.as(tenantId));
    return r.statusCode === 200 && (r.json().items as SessionJson[]).length > 0 && (r.json().items as SessionJson[]);
  });
  return { program, programId, mentor, mentee, matchId, first: sessions[0]! };
}

describe('planning on match acceptance', () => {
  it('plans the first session inside both people’s windows, in the program’s first week', async () => {
    const { program, first, mentor, mentee, matchId } = await acceptedMatch();
    expect(first).toMatchObject({ matchId, status: 'scheduled', members: [mentor, mentee] });
    expect(insideWindow(first.startsAt, first.endsAt, 'Europe/Berlin', berlinTuesday)).toBe(true);
    expect(insideWindow(first.startsAt, first.endsAt, 'America/New_York', newYorkTuesday)).toBe(true);
    expect(Date.parse(first.endsAt) - Date.parse(first.startsAt)).toBe(45 * 60_000);
    const fromStart = Date.parse(first.startsAt) - Date.parse(program.startsAt);
    expect(fromStart > 0 && fromStart < 7 * DAY_MS).toBe(true);
    expect(new Date(first.startsAt).getUTCMinutes() % 15).toBe(0);
    const event = await eventually(async () => eventsOf('scheduling.session.scheduled', first.id)[0]);
    expect(event).toMatchObject({ tenantId: tenantA, data: { matchId, members: [mentor, mentee], status: 'scheduled', startsAt: first.startsAt } });
  });

  it('plans once when the same acceptance arrives again under another event id', async () => {
    const { programId, matchId, mentor, mentee } = await acceptedMatch();
    await svc.publish(tenantA, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee));
    // The matching topic is consumed in order: once a later match is planned, the duplicate has been handled.
    const marker = uuidv7();
    await svc.publish(tenantA, 'matching.match.accepted', marker, matchData(marker, programId, mentee, mentor));
    await eventually(async () => (await countRows(tenantA, 'meeting_plans', marker)) === 1);
    expect(await countRows(tenantA, 'meeting_plans', matchId)).toBe(1);
    expect(await countRows(tenantA, 'sessions', matchId)).toBe(1);
    expect(seen.filter((e) => e.type === 'scheduling.session.scheduled' && e.data.matchId === matchId)).toHaveLength(1);
  });

  it('plans a needs-time session at the program start when the windows never meet', async () => {
    const { program, first } = await acceptedMatch(tenantA, {
      mentor: [{ day: 'mon', from: '09:00', to: '10:00' }],
      mentee: [{ day: 'mon', from: '09:00', to: '10:00' }],
    });
    expect(first).toMatchObject({ status: 'needs-time', startsAt: program.startsAt });
    expect((await call('POST', `/v1/sessions/${first.id}/complete`)).statusCode).toBe(409);
  });

  it('cancels the sessions still to come when the match ends', async () => {
    const { first, programId, matchId, mentor, mentee } = await acceptedMatch();
    await svc.publish(tenantA, 'matching.match.ended', matchId, { ...matchData(matchId, programId, mentor, mentee), reason: 'moved on' });
    await eventually(async () => eventsOf('scheduling.session.cancelled', first.id)[0]);
    expect((await call('GET', `/v1/sessions/${first.id}`)).json().status).toBe('cancelled');
  });
});

describe('events of other topics in any order', () => {
  const sessionsOf = async (matchId: string) => {
    const r = await call('GET', `/v1/matches/${matchId}/sessions`);
    return r.statusCode === 200 ? (r.json().items as SessionJson[]) : [];
  };
  const people = () => {
    const programId = uuidv7();
    return { programId, mentor: uuidv7(), mentee: uuidv7(), matchId: uuidv7(), program: programSnapshot(programId) };
  };
  const approve = (programId: string, mentor: string, mentee: string) => Promise.all([
    svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentor, 'mentor', 'Europe/Berlin', [berlinTuesday])),
    svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentee, 'mentee', 'America/New_York', [newYorkTuesday])),
  ]);

  it('plans a match accepted before its program and its people were known, once they arrive', async () => {
    const { programId, mentor, mentee, matchId, program } = people();
    await svc.publish(tenantA, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee));
    await eventually(async () => (await countRows(tenantA, 'waiting_matches', matchId)) === 1);
    expect(await sessionsOf(matchId)).toEqual([]);
    await approve(programId, mentor, mentee);
    await eventually(async () => (await countRows(tenantA, 'availability', programId)) === 2);
    await svc.publish(tenantA, 'enrollment.program.created', programId, program);
    const [first, ...more] = await eventually(async () => {
      const items = await sessionsOf(matchId);
      return items.length > 0 && items;
    });
    expect(more).toEqual([]);
    expect(first).toMatchObject({ matchId, status: 'scheduled', members: [mentor, mentee] });
    expect(insideWindow(first!.startsAt, first!.endsAt, 'Europe/Berlin', berlinTuesday)).toBe(true);
    expect(await countRows(tenantA, 'waiting_matches', matchId)).toBe(0);
    // Another program event changes nothing: the plan exists.
    await svc.publish(tenantA, 'enrollment.program.updated', programId, program);
    await eventually(async () => eventsOf('scheduling.session.scheduled', first!.id).length === 1);
    expect(await countRows(tenantA, 'meeting_plans', matchId)).toBe(1);
  });

  it('gives a session planned before both people’s availability was known a time as soon as it is', async () => {
    const { programId, mentor, mentee, matchId, program } = people();
    await svc.publish(tenantA, 'enrollment.program.created', programId, program);
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentor, 'mentor', 'Europe/Berlin', [berlinTuesday]));
    await eventually(async () => (await countRows(tenantA, 'availability', programId)) === 1);
    await svc.publish(tenantA, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee));
    const [placeholder] = await eventually(async () => {
      const items = await sessionsOf(matchId);
      return items.length > 0 && items;
    });
    expect(placeholder).toMatchObject({ status: 'needs-time', startsAt: program.startsAt });

    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentee, 'mentee', 'America/New_York', [newYorkTuesday]));
    const [planned, ...more] = await eventually(async () => {
      const items = await sessionsOf(matchId);
      return items[0]?.status === 'scheduled' && items;
    });
    expect(more).toEqual([]);
    expect(planned!.id).toBe(placeholder!.id);
    expect(insideWindow(planned!.startsAt, planned!.endsAt, 'Europe/Berlin', berlinTuesday)).toBe(true);
    expect(insideWindow(planned!.startsAt, planned!.endsAt, 'America/New_York', newYorkTuesday)).toBe(true);
    const event = await eventually(async () => eventsOf('scheduling.session.rescheduled', planned!.id)[0]);
    expect(event.data).toMatchObject({ status: 'scheduled', startsAt: planned!.startsAt });
  });

  const interleaved = (first: Envelope, second: Envelope) =>
    applyInterleaved(svc.ctx.db, tenantA, [...projectionHandlers('scheduling'), ...matchHandlers('scheduling')], first, second);

  it('plans a match whose acceptance commits while its program is being applied', async () => {
    const { programId, mentor, mentee, matchId, program } = people();
    await approve(programId, mentor, mentee);
    await eventually(async () => (await countRows(tenantA, 'availability', programId)) === 2);
    await interleaved(
      createEvent('test', tenantA, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee)),
      createEvent('test', tenantA, 'enrollment.program.created', programId, program),
    );
    expect((await sessionsOf(matchId)).map((x) => x.status)).toEqual(['scheduled']);
  });

  it('gives a time to a session planned while the missing availability is being applied', async () => {
    const { programId, mentor, mentee, matchId, program } = people();
    await svc.publish(tenantA, 'enrollment.program.created', programId, program);
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentor, 'mentor', 'Europe/Berlin', [berlinTuesday]));
    await eventually(async () => (await countRows(tenantA, 'availability', programId)) === 1);
    await interleaved(
      createEvent('test', tenantA, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee)),
      createEvent('test', tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, mentee, 'mentee', 'America/New_York', [newYorkTuesday])),
    );
    expect((await sessionsOf(matchId)).map((x) => x.status)).toEqual(['scheduled']);
  });

  it('ends the plan of a match that ends while its program starts the plan', async () => {
    const { programId, mentor, mentee, matchId, program } = people();
    await svc.publish(tenantA, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee));
    await eventually(async () => (await countRows(tenantA, 'waiting_matches', matchId)) === 1);
    await interleaved(
      createEvent('test', tenantA, 'enrollment.program.created', programId, program),
      createEvent('test', tenantA, 'matching.match.ended', matchId, { ...matchData(matchId, programId, mentor, mentee), reason: 'moved on' }),
    );
    expect((await sessionsOf(matchId)).map((x) => x.status)).toEqual(['cancelled']);
  });

  it('keeps nothing of an approval that arrives after the participant was erased', async () => {
    const { programId, mentor, mentee } = people();
    await svc.publish(tenantA, 'enrollment.participant.erased', mentor, { participantId: mentor });
    // Approvals have other keys than the erasure: this one comes late. The next is a marker.
    await approve(programId, mentor, mentee);
    await eventually(async () => (await countRows(tenantA, 'availability', programId)) >= 1);
    const kept = await svc.ctx.db.withTenant(tenantA, (sql) =>
      sql.query<{ participant_id: string }>(`SELECT participant_id FROM availability WHERE program_id = $1`, [programId]));
    expect(kept.rows.map((r) => r.participant_id)).toEqual([mentee]);
  });

  it('plans nothing for a match that ended before its program arrived', async () => {
    const { programId, mentor, mentee, matchId, program } = people();
    await svc.publish(tenantA, 'matching.match.accepted', matchId, matchData(matchId, programId, mentor, mentee));
    await svc.publish(tenantA, 'matching.match.ended', matchId, { ...matchData(matchId, programId, mentor, mentee), reason: 'moved on' });
    // The same match topic, in order: once a later acceptance waits, the end has been applied.
    const marker = uuidv7();
    await svc.publish(tenantA, 'matching.match.accepted', marker, matchData(marker, programId, mentee, mentor));
    await eventually(async () => (await countRows(tenantA, 'waiting_matches', marker)) === 1);
    await svc.publish(tenantA, 'enrollment.program.created', programId, program);
    await eventually(async () => (await countRows(tenantA, 'meeting_plans', marker)) === 1);
    expect(await countRows(tenantA, 'meeting_plans', matchId)).toBe(0);
    expect(await countRows(tenantA, 'waiting_matches', matchId)).toBe(0);
  });
});

describe('session lifecycle', () => {
  it('completes a session and plans the next one a cadence later, inside both windows', async () => {
    const { first, matchId } = await acceptedMatch();
    const done = await call('POST', `/v1/sessions/${first.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id: first.id, status: 'completed' });
    expect((await call('POST', `/v1/sessions/${first.id}/complete`)).statusCode).toBe(409);

    const items = (await call('GET', `/v1/matches/${matchId}/sessions`)).json().items as SessionJson[];
    expect(items.map((s) => s.status)).toEqual(['completed', 'scheduled']);
    const next = items[1]!;
    // Two weeks on, at the first common slot from then: the same local times unless a clock changed meanwhile.
    const gap = Date.parse(next.startsAt) - Date.parse(first.startsAt);
    expect(gap >= 14 * DAY_MS - 3_600_000 && gap < 15 * DAY_MS).toBe(true);
    expect(insideWindow(next.startsAt, next.endsAt, 'Europe/Berlin', berlinTuesday)).toBe(true);
    expect(insideWindow(next.startsAt, next.endsAt, 'America/New_York', newYorkTuesday)).toBe(true);
    await eventually(async () => eventsOf('scheduling.session.completed', first.id)[0]);
    await eventually(async () => eventsOf('scheduling.session.scheduled', next.id)[0]);
  });

  it('reschedules only into the future and within the program, then cancels', async () => {
    const { first, program } = await acceptedMatch();
    const reschedule = (startsAt: unknown) => call('POST', `/v1/sessions/${first.id}/reschedule`, { startsAt });
    const cases: [unknown, string][] = [
      [new Date(Date.now() - 3_600_000).toISOString(), 'must be in the future'],
      [new Date(Date.parse(program.endsAt) - 10 * 60_000).toISOString(), 'fit in the program'],
      [new Date(Date.parse(program.startsAt) - DAY_MS).toISOString(), 'fit in the program'],
      ['next tuesday', ''],
    ];
    for (const [startsAt, message] of cases) {
      const r = await reschedule(startsAt);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors[0]).toMatchObject({ path: 'startsAt' });
      expect(r.json().errors[0].message).toContain(message);
    }
    expect((await call('GET', `/v1/sessions/${first.id}`)).json()).toEqual(first);

    const later = new Date(Date.parse(first.startsAt) + 2 * DAY_MS).toISOString();
    const moved = await reschedule(later);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'scheduled', startsAt: later, endsAt: new Date(Date.parse(later) + 45 * 60_000).toISOString() });
    await eventually(async () => eventsOf('scheduling.session.rescheduled', first.id)[0]);

    expect((await call('POST', `/v1/sessions/${first.id}/cancel`)).json().status).toBe('cancelled');
    expect((await call('POST', `/v1/sessions/${first.id}/cancel`)).statusCode).toBe(409);
    expect((await reschedule(later)).statusCode).toBe(409);
    await eventually(async () => eventsOf('scheduling.session.cancelled', first.id)[0]);
  });
});

describe('who sees what', () => {
  it('lets the match’s members in, and answers 404 to other participants and other tenants', async () => {
    const { first, matchId, mentor } = await acceptedMatch();
    const member = svc.as(tenantA, 'participant', mentor);
    expect((await call('GET', `/v1/matches/${matchId}/sessions`, undefined, member)).json().items).toHaveLength(1);
    expect((await call('GET', `/v1/sessions/${first.id}`, undefined, member)).json().id).toBe(first.id);

    const stranger = svc.as(tenantA, 'participant', uuidv7());
    const otherTenant = svc.as(tenantB);
    for (const headers of [stranger, otherTenant]) {
      expect((await call('GET', `/v1/matches/${matchId}/sessions`, undefined, headers)).statusCode).toBe(404);
      expect((await call('GET', `/v1/sessions/${first.id}`, undefined, headers)).statusCode).toBe(404);
      expect((await call('POST', `/v1/sessions/${first.id}/complete`, undefined, headers)).statusCode).toBe(404);
      expect((await call('POST', `/v1/sessions/${first.id}/cancel`, undefined, headers)).statusCode).toBe(404);
    }
    expect((await call('GET', `/v1/matches/${uuidv7()}/sessions`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/sessions/${first.id}`)).json().status).toBe('scheduled');

    const completed = await call('POST', `/v1/sessions/${first.id}/complete`, undefined, member);
    expect(completed.json().status).toBe('completed');
  });

  it('refuses requests without a tenant context and malformed ids', async () => {
    expect((await svc.app.inject({ method: 'GET', url: `/v1/sessions/${uuidv7()}` })).statusCode).toBe(401);
    const bad = await call('GET', '/v1/sessions/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.id');
  });
});

describe('missed sessions', () => {
  const HOUR_MS = 3_600_000;
  const after = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR_MS);
  const statusOf = async (id: string) => (await call('GET', `/v1/sessions/${id}`)).json().status as string;

  it('marks a scheduled session nobody completed missed two days after its end, and plans the next one', async () => {
    const { first, matchId } = await acceptedMatch();
    await markMissedSessions(svc.ctx, after(first.endsAt, 47), 48 * HOUR_MS);
    expect(await statusOf(first.id)).toBe('scheduled');

    await markMissedSessions(svc.ctx, after(first.endsAt, 49), 48 * HOUR_MS);
    expect(await statusOf(first.id)).toBe('missed');
    const items = (await call('GET', `/v1/matches/${matchId}/sessions`)).json().items as SessionJson[];
    expect(items.map((x) => x.status)).toEqual(['missed', 'scheduled']);
    const gap = Date.parse(items[1]!.startsAt) - Date.parse(first.startsAt);
    expect(gap >= 14 * DAY_MS - HOUR_MS && gap < 15 * DAY_MS).toBe(true);
    expect(insideWindow(items[1]!.startsAt, items[1]!.endsAt, 'Europe/Berlin', berlinTuesday)).toBe(true);
    await eventually(async () => eventsOf('scheduling.session.missed', first.id)[0]);

    // Checked again: nothing changes, and a missed session cannot be completed any more.
    await markMissedSessions(svc.ctx, after(first.endsAt, 50), 48 * HOUR_MS);
    expect((await call('GET', `/v1/matches/${matchId}/sessions`)).json().items).toHaveLength(2);
    expect(eventsOf('scheduling.session.missed', first.id)).toHaveLength(1);
    expect((await call('POST', `/v1/sessions/${first.id}/complete`)).statusCode).toBe(409);
  });

  it('leaves completed sessions and sessions still waiting for a time alone', async () => {
    const { first } = await acceptedMatch();
    expect((await call('POST', `/v1/sessions/${first.id}/complete`)).statusCode).toBe(200);
    const { first: noTime } = await acceptedMatch(tenantA, {
      mentor: [{ day: 'mon', from: '09:00', to: '10:00' }],
      mentee: [{ day: 'mon', from: '09:00', to: '10:00' }],
    });
    await markMissedSessions(svc.ctx, after(first.endsAt, 24 * 30), 48 * HOUR_MS);
    expect(await statusOf(first.id)).toBe('completed');
    expect(await statusOf(noTime.id)).toBe('needs-time');
  });

  it('runs on a timer with the service clock', async () => {
    const later = new Date(Date.parse('2027-03-01T00:00:00Z'));
    const timed = await startTestService(createSchedulingService({ missedCheckEveryMs: 50, clock: () => later }), { database: 'scheduling_timer' });
    try {
      const { first } = await acceptedMatch(tenantA, undefined, () => timed);
      await eventually(async () => {
        const r = await timed.app.inject({ method: 'GET', url: `/v1/sessions/${first.id}`, headers: timed.as(tenantA) });
        return r.json().status === 'missed';
      });
    } finally {
      await timed.stop();
    }
  });
});
