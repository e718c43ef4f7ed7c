import type { Envelope } from '@tandem/contracts';
import { createEvent, uuidv7 } from '@tandem/platform';
import { applyInterleaved, eventually, startTestService, type TestService } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyHandlers } from '../src/handlers';
import { createSurveysService, sendDueFollowUps, surveysService } from '../src/index';
import { approval, completedSession, programSnapshot } from './fixtures';

interface AssignmentJson {
  id: string;
  programId: string;
  participantId: string;
  kind: string;
  sessionId?: string;
  status: string;
  dueAt: string;
}
type SurveyEvent = Envelope<Record<string, unknown> & { assignmentId: string }>;

let svc: TestService;
const tenantA = uuidv7();
const tenantB = uuidv7();
const seen: SurveyEvent[] = [];
const DAY_MS = 86_400_000;

beforeAll(async () => {
  svc = await startTestService(surveysService, { database: 'surveys' });
  await svc.bus.subscribe({ group: 'probe', topics: ['tandem.surveys'] }, async (m) => {
    seen.push(JSON.parse(m.value));
  });
});
afterAll(() => svc?.stop());

const call = (method: 'GET' | 'POST', url: string, body?: unknown, headers = svc.as(tenantA)) =>
  svc.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });

const assignments = async (programId: string, query = '', headers = svc.as(tenantA)) => {
  const r = await call('GET', `/v1/programs/${programId}/survey-assignments${query}`, undefined, headers);
  expect(r.statusCode).toBe(200);
  return r.json().items as AssignmentJson[];
};

const eventsOf = (type: string, assignmentId: string) => seen.filter((e) => e.type === type && e.data.assignmentId === assignmentId);

/** A known program with approved participants, each with their baseline assigned. */
async function programWithParticipants(count: number, startsInDays = 14) {
  const programId = uuidv7();
  const program = programSnapshot(programId, startsInDays);
  await svc.publish(tenantA, 'enrollment.program.created', programId, program);
  const participants = Array.from({ length: count }, () => uuidv7());
  for (const participantId of participants) {
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, participantId));
  }
  await eventually(async () => (await assignments(programId)).length === count);
  return { program, programId, participants };
}

describe('baseline surveys', () => {
  it('assigns a baseline on approval, due when the program starts, asking about the sought skills', async () => {
    const { program, programId, participants } = await programWithParticipants(1);
    const [baseline] = await assignments(programId);
    expect(baseline).toMatchObject({ programId, participantId: participants[0], kind: 'baseline', status: 'assigned', dueAt: program.startsAt });
    const detail = (await call('GET', `/v1/survey-assignments/${baseline!.id}`)).json();
    expect(detail.questions.map((q: { id: string }) => q.id)).toEqual(['skills.negotiation', 'goals']);
    const event = await eventually(async () => eventsOf('surveys.survey.assigned', baseline!.id)[0]);
    expect(event).toMatchObject({ tenantId: tenantA, data: { kind: 'baseline', participantId: participants[0], dueAt: program.startsAt } });
  });

  it('gives someone approved after the start a week', async () => {
    const { programId } = await programWithParticipants(1, -3);
    const [baseline] = await assignments(programId);
    expect(Math.abs(Date.parse(baseline!.dueAt) - (Date.now() + 7 * DAY_MS))).toBeLessThan(60_000);
  });

  it('assigns once when the approval arrives again under another event id', async () => {
    const { programId, participants } = await programWithParticipants(1);
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, participants[0]!));
    // The enrollment topic is consumed in order: once a later approval is handled, so is the repeat.
    const marker = uuidv7();
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, marker));
    await eventually(async () => (await assignments(programId)).length === 2);
    expect(await assignments(programId, `?participantId=${participants[0]}`)).toHaveLength(1);
    expect(seen.filter((e) => e.type === 'surveys.survey.assigned' && e.data.participantId === participants[0])).toHaveLength(1);
  });
});

describe('events in any order', () => {
  const baselines = async (programId: string) => (await assignments(programId)).filter((a) => a.kind === 'baseline');

  it('sends the baseline of an approval that came before its program, once the program arrives', async () => {
    const programId = uuidv7();
    const participantId = uuidv7();
    const program = programSnapshot(programId);
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, participantId));
    await eventually(async () => {
      const r = await svc.ctx.db.withTenant(tenantA, (sql) => sql.query(`SELECT 1 FROM enrollees WHERE participant_id = $1`, [participantId]));
      return r.rowCount === 1;
    });
    await svc.publish(tenantA, 'enrollment.program.created', programId, program);
    const [baseline] = await eventually(async () => {
      const found = await assignments(programId).catch(() => []);
      return found.length > 0 && found;
    });
    expect(baseline).toMatchObject({ participantId, kind: 'baseline', dueAt: program.startsAt });
    // The program's next events send nothing more.
    await svc.publish(tenantA, 'enrollment.program.opened', programId, program);
    const marker = uuidv7();
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, marker));
    await eventually(async () => (await baselines(programId)).length === 2);
    expect(seen.filter((e) => e.type === 'surveys.survey.assigned' && e.data.participantId === participantId)).toHaveLength(1);
  });

  const interleaved = (first: Envelope, second: Envelope) => applyInterleaved(svc.ctx.db, tenantA, surveyHandlers(svc.ctx, 90), first, second);

  it('sends the baseline of an approval that commits while its program is being applied', async () => {
    const programId = uuidv7();
    const participantId = uuidv7();
    await interleaved(
      createEvent('test', tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, participantId)),
      createEvent('test', tenantA, 'enrollment.program.created', programId, programSnapshot(programId)),
    );
    expect((await baselines(programId)).map((a) => a.participantId)).toEqual([participantId]);
  });

  it('sends the end survey of an approval that commits while its program closes', async () => {
    const programId = uuidv7();
    const program = programSnapshot(programId, -30);
    await svc.publish(tenantA, 'enrollment.program.created', programId, program);
    await eventually(async () => (await assignments(programId).catch(() => undefined)) !== undefined);
    const participantId = uuidv7();
    await interleaved(
      createEvent('test', tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, participantId)),
      createEvent('test', tenantA, 'enrollment.program.closed', programId, { ...program, status: 'closed' }),
    );
    expect((await assignments(programId)).map((a) => a.kind).sort()).toEqual(['baseline', 'end']);
  });

  it('assigns nothing to a participant whose approval arrives after their erasure', async () => {
    const { programId } = await programWithParticipants(1);
    const erased = uuidv7();
    await svc.publish(tenantA, 'enrollment.participant.erased', erased, { participantId: erased });
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, erased));
    // A later approval on the same topic: once it is assigned, the late one has been handled.
    const marker = uuidv7();
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, marker));
    await eventually(async () => (await assignments(programId)).some((a) => a.participantId === marker));
    expect((await assignments(programId)).filter((a) => a.participantId === erased)).toEqual([]);
  });

  it('gives an approval that arrives after its program closed the end survey too', async () => {
    const programId = uuidv7();
    const program = programSnapshot(programId, -30);
    await svc.publish(tenantA, 'enrollment.program.created', programId, program);
    await svc.publish(tenantA, 'enrollment.program.closed', programId, { ...program, status: 'closed' });
    const late = uuidv7();
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, late));
    const kinds = await eventually(async () => {
      const found = (await assignments(programId)).map((a) => a.kind).sort();
      return found.length === 2 && found;
    });
    expect(kinds).toEqual(['baseline', 'end']);
  });
});

describe('responses', () => {
  it('refuses bad answers naming the field and writes nothing, then takes one good response', async () => {
    const { programId, participants } = await programWithParticipants(1);
    const [baseline] = await assignments(programId);
    const self = svc.as(tenantA, 'participant', participants[0]);
    const respond = (body: unknown) => call('POST', `/v1/survey-assignments/${baseline!.id}/responses`, body, self);
    const cases: [unknown, string[]][] = [
      [{ answers: { skills: { negotiation: 9 }, goals: 'lead' } }, ['answers.skills.negotiation']],
      [{ answers: { skills: { negotiation: 3 } } }, ['answers.goals']],
      [{ answers: { skills: { negotiation: 3 }, goals: 'lead', mood: 'fine' } }, ['answers']],
      [{ answers: { skills: { negotiation: 'high' }, goals: 42 } }, ['answers.skills.negotiation', 'answers.goals']],
      [{}, ['answers']],
    ];
    for (const [body, paths] of cases) {
      const r = await respond(body);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(paths);
    }
    expect((await call('GET', `/v1/survey-assignments/${baseline!.id}`)).json().status).toBe('assigned');
    const stored = await svc.ctx.db.withTenant(tenantA, (sql) => sql.query(`SELECT 1 FROM responses WHERE assignment_id = $1`, [baseline!.id]));
    expect(stored.rowCount).toBe(0);

    const ok = await respond({ answers: { skills: { negotiation: 2 }, goals: 'run my first team offsite' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ assignmentId: baseline!.id, kind: 'baseline', answers: { skills: { negotiation: 2 } } });
    expect((await respond({ answers: { skills: { negotiation: 3 }, goals: 'again' } })).statusCode).toBe(409);
    expect((await call('POST', `/v1/survey-assignments/${baseline!.id}/responses`, { answers: {} })).statusCode).toBe(409);
    expect((await assignments(programId, '?status=answered')).map((a) => a.id)).toEqual([baseline!.id]);
    const event = await eventually(async () => eventsOf('surveys.response.submitted', baseline!.id)[0]);
    expect(event.data).toEqual({ assignmentId: baseline!.id, programId, participantId: participants[0], kind: 'baseline' });
  });

  it('assigns a pulse to both members of a completed session, once, with the rating in the answer event', async () => {
    const { programId, participants } = await programWithParticipants(2);
    const session = completedSession(programId, participants);
    await svc.publish(tenantA, 'scheduling.session.completed', session.sessionId, session);
    await svc.publish(tenantA, 'scheduling.session.completed', session.sessionId, session);
    const marker = completedSession(programId, [participants[0]!]);
    await svc.publish(tenantA, 'scheduling.session.completed', marker.sessionId, marker);
    const pulses = await eventually(async () => {
      const items = (await assignments(programId)).filter((a) => a.kind === 'pulse');
      return items.length === 3 && items;
    });
    const forSession = pulses.filter((p) => p.sessionId === session.sessionId);
    expect(forSession.map((p) => p.participantId).sort()).toEqual([...participants].sort());

    const mine = forSession.find((p) => p.participantId === participants[1])!;
    // An admin may answer on a participant's behalf.
    const r = await call('POST', `/v1/survey-assignments/${mine.id}/responses`, { answers: { rating: 2, comment: 'we ran out of time' } });
    expect(r.statusCode).toBe(201);
    const event = await eventually(async () => eventsOf('surveys.response.submitted', mine.id)[0]);
    expect(event.data).toMatchObject({ kind: 'pulse', rating: 2, sessionId: session.sessionId, participantId: participants[1] });
  });

  it('sends the end survey when the program closes, and carries satisfaction and NPS', async () => {
    const { program, programId, participants } = await programWithParticipants(1);
    await svc.publish(tenantA, 'enrollment.program.closed', programId, { ...program, status: 'closed' });
    const end = await eventually(async () => (await assignments(programId)).find((a) => a.kind === 'end'));
    const detail = (await call('GET', `/v1/survey-assignments/${end.id}`)).json();
    expect(detail.questions.map((q: { id: string }) => q.id)).toEqual(['skills.negotiation', 'satisfaction', 'nps', 'goalCompletion', 'comment']);
    const r = await call('POST', `/v1/survey-assignments/${end.id}/responses`,
      { answers: { skills: { negotiation: 4 }, satisfaction: 5, nps: 9, goalCompletion: 'partly' } },
      svc.as(tenantA, 'participant', participants[0]));
    expect(r.statusCode).toBe(201);
    const event = await eventually(async () => eventsOf('surveys.response.submitted', end.id)[0]);
    expect(event.data).toMatchObject({ kind: 'end', satisfaction: 5, nps: 9 });
  });
});

describe('follow-up surveys', () => {
  const closeNow = async (count: number) => {
    const { program, programId, participants } = await programWithParticipants(count);
    await svc.publish(tenantA, 'enrollment.program.closed', programId, { ...program, status: 'closed' });
    await eventually(async () => (await assignments(programId)).filter((a) => a.kind === 'end').length === count);
    return { programId, participants };
  };

  it('goes out to every enrollee 90 days after the program closes, once', async () => {
    const { programId, participants } = await closeNow(2);
    const withoutFollowUp = async () => (await assignments(programId)).filter((a) => a.kind === 'follow-up');
    await sendDueFollowUps(svc.ctx, new Date(Date.now() + 89 * DAY_MS));
    expect(await withoutFollowUp()).toEqual([]);

    const day90 = new Date(Date.now() + 91 * DAY_MS);
    await sendDueFollowUps(svc.ctx, day90);
    const sent = await withoutFollowUp();
    expect(sent.map((a) => a.participantId).sort()).toEqual([...participants].sort());
    expect(Date.parse(sent[0]!.dueAt) - day90.getTime()).toBe(14 * DAY_MS);
    await eventually(async () => eventsOf('surveys.survey.assigned', sent[0]!.id)[0]);

    await sendDueFollowUps(svc.ctx, new Date(Date.now() + 120 * DAY_MS));
    expect(await withoutFollowUp()).toHaveLength(2);

    const detail = (await call('GET', `/v1/survey-assignments/${sent[0]!.id}`)).json();
    expect(detail.questions.map((q: { id: string }) => q.id)).toEqual(['stillInTouch', 'goalCompletion', 'applied', 'comment']);
    const bad = await call('POST', `/v1/survey-assignments/${sent[0]!.id}/responses`, { answers: { stillInTouch: 'yes', goalCompletion: 'fully', applied: 4 } },
      svc.as(tenantA, 'participant', sent[0]!.participantId));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('answers.stillInTouch');
    const good = await call('POST', `/v1/survey-assignments/${sent[0]!.id}/responses`, { answers: { stillInTouch: true, goalCompletion: 'fully', applied: 4 } },
      svc.as(tenantA, 'participant', sent[0]!.participantId));
    expect(good.statusCode).toBe(201);
  });

  it('is not planned for programs that have not closed', async () => {
    const { programId } = await programWithParticipants(1);
    await sendDueFollowUps(svc.ctx, new Date(Date.now() + 400 * DAY_MS));
    expect((await assignments(programId)).map((a) => a.kind)).toEqual(['baseline']);
  });

  it('runs on a timer with the service clock', async () => {
    const timed = await startTestService(
      createSurveysService({ followUpAfterDays: 30, followUpCheckEveryMs: 50, clock: () => new Date(Date.now() + 31 * DAY_MS) }),
      { database: 'surveys_timer' },
    );
    try {
      const programId = uuidv7();
      const program = programSnapshot(programId, 14);
      const participantId = uuidv7();
      await timed.publish(tenantA, 'enrollment.program.created', programId, program);
      await timed.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), approval(programId, participantId));
      await timed.publish(tenantA, 'enrollment.program.closed', programId, { ...program, status: 'closed' });
      await eventually(async () => {
        const r = await timed.app.inject({ method: 'GET', url: `/v1/programs/${programId}/survey-assignments`, headers: timed.as(tenantA) });
        return (r.json().items as AssignmentJson[]).some((a) => a.kind === 'follow-up' && a.participantId === participantId);
      });
    } finally {
      await timed.stop();
    }
  });
});

describe('who sees what', () => {
  it('shows participants only their own surveys and other tenants nothing (404)', async () => {
    const { programId, participants } = await programWithParticipants(2);
    const [first, second] = participants as [string, string];
    const own = await assignments(programId, '', svc.as(tenantA, 'participant', first));
    expect(own.map((a) => a.participantId)).toEqual([first]);
    expect(await assignments(programId, `?participantId=${second}`, svc.as(tenantA, 'participant', first))).toEqual([]);
    const others = (await assignments(programId, `?participantId=${second}`))[0]!;
    const asFirst = svc.as(tenantA, 'participant', first);
    expect((await call('GET', `/v1/survey-assignments/${others.id}`, undefined, asFirst)).statusCode).toBe(404);
    expect((await call('POST', `/v1/survey-assignments/${others.id}/responses`, { answers: { goals: 'x', skills: { negotiation: 1 } } }, asFirst)).statusCode).toBe(404);

    const otherTenant = svc.as(tenantB);
    expect((await call('GET', `/v1/programs/${programId}/survey-assignments`, undefined, otherTenant)).statusCode).toBe(404);
    expect((await call('GET', `/v1/survey-assignments/${others.id}`, undefined, otherTenant)).statusCode).toBe(404);
    expect((await call('POST', `/v1/survey-assignments/${others.id}/responses`, { answers: { goals: 'x', skills: { negotiation: 1 } } }, otherTenant)).statusCode).toBe(404);
    expect((await call('GET', `/v1/programs/${uuidv7()}/survey-assignments`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/survey-assignments/${others.id}`)).json().status).toBe('assigned');
  });

  it('pages through a program’s assignments and validates the query', async () => {
    const { programId } = await programWithParticipants(3);
    const page1 = (await call('GET', `/v1/programs/${programId}/survey-assignments?limit=2`)).json();
    const page2 = (await call('GET', `/v1/programs/${programId}/survey-assignments?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page1.items).toHaveLength(2);
    expect(page2).toMatchObject({ nextCursor: null });
    expect(page2.items).toHaveLength(1);
    const bad = await call('GET', `/v1/programs/${programId}/survey-assignments?status=lost`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.status');
  });
});
