import { postgresDriver, uuidv7 } from '@tandem/platform';
import { eventually, startTestService, type TestService } from '@tandem/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchingService } from '../src/index';
import { approve, poolSize, profile, seedProgram, type Person } from './fixtures';

let svc: TestService;
const tenantA = uuidv7();
const tenantB = uuidv7();

interface Seen { type: string; subject: string; tenantId: string; data: Record<string, unknown> }
const seen: Seen[] = [];

interface Member { participantId: string; role: string }
interface Match { id: string; members: Member[]; score: number; explanation: Record<string, number>; status: string; version: number; reason?: string }

beforeAll(async () => {
  svc = await startTestService(matchingService, { database: 'matching' });
  await svc.bus.subscribe({ group: 'probe', topics: ['tandem.matching'] }, async (m) => {
    seen.push(JSON.parse(m.value));
  });
});
afterAll(() => svc?.stop());

const call = (method: 'GET' | 'POST', url: string, body?: unknown, headers = svc.as(tenantA)) =>
  svc.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
const asParticipant = (p: Person, tenantId = tenantA) => svc.as(tenantId, 'participant', p.participantId);
const ids = (m: { members: Member[] }) => m.members.map((x) => x.participantId).sort();
const eventsFor = (type: string, subject: string) => seen.filter((e) => e.type === type && e.subject === subject);

/** Two mentors with capacity 2 (negotiation, public speaking) and four mentees seeking those skills. */
const mentoringPool = () => [
  { role: 'mentor' as const, profile: profile('mentor', 'negotiation') },
  { role: 'mentor' as const, profile: profile('mentor', 'public-speaking') },
  ...['negotiation', 'negotiation', 'public-speaking', 'public-speaking'].map((skill) => ({
    role: 'mentee' as const, profile: profile('mentee', skill),
  })),
];

describe('matching runs', () => {
  it('matches every mentee up to mentor capacity, explains each score and emits events', async () => {
    const { programId, people } = await seedProgram(svc, tenantA, mentoringPool());
    const r = await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 7 });
    expect(r.statusCode).toBe(201);
    const run = r.json();
    expect(run).toMatchObject({ status: 'completed', objective: 'optimal', dryRun: false, unmatched: [] });
    expect(run.matches).toHaveLength(4);
    const mentees = people.filter((p) => p.role === 'mentee').map((p) => p.participantId);
    expect(run.matches.flatMap((m: Match) => m.members.filter((x) => x.role === 'mentee').map((x) => x.participantId)).sort())
      .toEqual([...mentees].sort());
    const perMentor = new Map<string, number>();
    for (const m of run.matches as Match[]) {
      expect(m).toMatchObject({ status: 'proposed', version: 1, programId, runId: run.id });
      const sum = Object.values(m.explanation).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(m.score, 9);
      expect(m.score).toBeGreaterThan(0);
      const mentor = m.members.find((x) => x.role === 'mentor')!.participantId;
      perMentor.set(mentor, (perMentor.get(mentor) ?? 0) + 1);
    }
    expect([...perMentor.values()].every((n) => n <= 2)).toBe(true);
    // Mentees are paired with the mentor offering the skill they seek.
    const negotiator = people[0]!.participantId;
    for (const mentee of people.slice(2, 4)) {
      expect(run.matches.some((m: Match) => ids(m).includes(negotiator) && ids(m).includes(mentee.participantId))).toBe(true);
    }
    expect(run.totalScore).toBeCloseTo(run.matches.reduce((s: number, m: Match) => s + m.score, 0), 9);
    expect(run.stats).toMatchObject({ matched: 8, unmatched: 0, unmatchedByReason: {} });

    await eventually(async () => eventsFor('matching.run.completed', run.id).length === 1);
    expect(eventsFor('matching.run.completed', run.id)[0]!.data).toMatchObject({
      programId, matchCount: 4, unmatchedCount: 0, dryRun: false, kind: 'run', stats: { unmatchedByReason: {} },
    });
    await eventually(async () => run.matches.every((m: Match) => eventsFor('matching.match.proposed', m.id).length === 1));
    expect(eventsFor('matching.match.proposed', run.matches[0].id)[0]!.data).toMatchObject({ runId: run.id, programId });

    const stored = await call('GET', `/v1/matching-runs/${run.id}`);
    expect(stored.json()).toMatchObject({ id: run.id, dryRun: false, parameters: { seed: 7, dryRun: false } });
    expect(stored.json().matches.map((m: Match) => m.id)).toEqual(run.matches.map((m: Match) => m.id).sort());
    const list = (await call('GET', `/v1/programs/${programId}/matches?status=proposed&limit=3`)).json();
    const next = (await call('GET', `/v1/programs/${programId}/matches?status=proposed&limit=3&cursor=${list.nextCursor}`)).json();
    expect([...list.items, ...next.items]).toHaveLength(4);
    expect(next.nextCursor).toBeNull();
    expect((await call('GET', `/v1/programs/${programId}/matching-runs`)).json().items.map((x: { id: string }) => x.id)).toEqual([run.id]);
  });

  it('previews with a dry run: stored for audit, no matches, only run.completed with dryRun true', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool(), 'enrolling');
    const first = await call('POST', `/v1/programs/${programId}/matching-runs`, { dryRun: true, seed: 3 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'completed', dryRun: true });
    expect(first.json().matches).toHaveLength(4);
    expect(first.json().matches[0].id).toBeUndefined();
    expect((await call('GET', `/v1/programs/${programId}/matches`)).json().items).toEqual([]);
    const again = await call('POST', `/v1/programs/${programId}/matching-runs`, { dryRun: true, seed: 3 });
    expect(again.json().matches).toEqual(first.json().matches);
    expect(again.json().totalScore).toBe(first.json().totalScore);

    await eventually(async () => eventsFor('matching.run.completed', first.json().id).length === 1);
    expect(eventsFor('matching.run.completed', first.json().id)[0]!.data).toMatchObject({ dryRun: true, matchCount: 4 });
    expect(seen.filter((e) => e.type === 'matching.match.proposed' && e.data.programId === programId)).toEqual([]);
    const stored = (await call('GET', `/v1/matching-runs/${first.json().id}`)).json();
    expect(stored.matches).toEqual(first.json().matches);
  });

  it('gives the same matches for the same input and seed', async () => {
    const pool = mentoringPool().map((p) => ({ ...p, profile: { ...p.profile, skillsSought: p.profile.skillsSought.map((s) => ({ ...s, skill: 'negotiation' })) } }));
    const a = await seedProgram(svc, tenantA, pool);
    const b = await call('POST', `/v1/programs/${a.programId}/matching-runs`, { dryRun: true, seed: 11 });
    const c = await call('POST', `/v1/programs/${a.programId}/matching-runs`, { dryRun: true, seed: 11 });
    expect(b.json().matches).toEqual(c.json().matches);
    const published = await call('POST', `/v1/programs/${a.programId}/matching-runs`, { seed: 11 });
    expect(published.json().matches.map((m: Match) => ids(m))).toEqual(b.json().matches.map((m: Match) => ids(m)));
  });

  it('refuses programs that cannot be matched and bad input, writing nothing', async () => {
    const empty = await seedProgram(svc, tenantA, [], 'enrolling');
    const none = await call('POST', `/v1/programs/${empty.programId}/matching-runs`, {});
    expect(none.statusCode).toBe(422);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().detail).toContain('no approved enrollments');
    const draft = await seedProgram(svc, tenantA, mentoringPool().slice(0, 2), 'draft');
    expect((await call('POST', `/v1/programs/${draft.programId}/matching-runs`, {})).statusCode).toBe(409);
    expect((await call('POST', `/v1/programs/${uuidv7()}/matching-runs`, {})).statusCode).toBe(404);

    const { programId } = await seedProgram(svc, tenantA, mentoringPool());
    const cases: [unknown, string][] = [
      [{ seed: 1.5 }, 'seed'],
      [{ seed: 'one' }, 'seed'],
      [{ objective: 'best' }, 'objective'],
      [{ weights: { charisma: 2 } }, 'weights'],
      [{ weights: { skills: -1 } }, 'weights.skills'],
      [{ dryRun: 'yes' }, 'dryRun'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', `/v1/programs/${programId}/matching-runs`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const participant = await call('POST', `/v1/programs/${programId}/matching-runs`, {}, svc.as(tenantA, 'participant', uuidv7()));
    expect(participant.statusCode).toBe(403);
    expect((await call('GET', `/v1/programs/${programId}/matching-runs`)).json().items).toEqual([]);
    expect((await call('GET', `/v1/programs/${programId}/matches`)).json().items).toEqual([]);
  });

  it('never double-books anyone when published runs race', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool());
    const answers = await Promise.all([1, 2, 3].map((seed) => call('POST', `/v1/programs/${programId}/matching-runs`, { seed })));
    for (const a of answers) expect([201, 409]).toContain(a.statusCode);
    const active = (await call('GET', `/v1/programs/${programId}/matches?limit=200`)).json().items as Match[];
    expect(active).toHaveLength(4);
    const mentees = active.flatMap((m) => m.members.filter((x) => x.role === 'mentee').map((x) => x.participantId));
    expect(new Set(mentees).size).toBe(4);
  });

  it('forms circles of the program’s size for a circle program', async () => {
    const peers = Array.from({ length: 8 }, (_, i) => ({
      role: 'peer' as const,
      profile: profile('peer', 'facilitation', { skillsOffered: [{ skill: 'facilitation', level: 3 }], department: i % 2 ? 'sales' : 'product' }),
    }));
    const { programId, people } = await seedProgram(svc, tenantA, peers, 'running', { format: 'circle', circleSize: 4 });
    const run = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 4 })).json();
    // Two circles, each within one of the program's size (the engine may trade a member for a better fit).
    expect(run.matches).toHaveLength(2);
    expect(run.matches.every((m: Match) => m.members.length >= 3 && m.members.length <= 5)).toBe(true);
    expect(run.matches.flatMap((m: Match) => ids(m)).sort()).toEqual(people.map((p) => p.participantId).sort());
    const circle = run.matches[0] as Match;
    for (const member of circle.members.slice(0, 3)) {
      const r = await call('POST', `/v1/matches/${circle.id}/accept`, undefined, svc.as(tenantA, 'participant', member.participantId));
      expect(r.json().status).toBe('proposed');
    }
    const rest = circle.members.slice(3);
    for (const [i, member] of rest.entries()) {
      const r = await call('POST', `/v1/matches/${circle.id}/accept`, undefined, svc.as(tenantA, 'participant', member.participantId));
      expect(r.json().status).toBe(i === rest.length - 1 ? 'accepted' : 'proposed');
    }
  });

  it('uses a run’s own weights and objective when given', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool());
    const r = await call('POST', `/v1/programs/${programId}/matching-runs`, { dryRun: true, objective: 'stable', weights: { skills: 0, interests: 5 } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ objective: 'stable', parameters: { objective: 'stable', weights: { skills: 0, interests: 5 } } });
    expect(r.json().matches[0].explanation.skills).toBeUndefined();
  });
});

describe('background runs', () => {
  interface Run { id: string; status: string; matches: Match[]; totalScore: number | null; error?: { status: number; detail: string }; completedAt?: string }
  const runOf = async (id: string) => (await call('GET', `/v1/matching-runs/${id}`)).json() as Run;

  it('answers 202 with the run, and completes it in the background with its matches and events', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool());
    const started = await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 1, background: true });
    expect(started.statusCode).toBe(202);
    const run = started.json() as Run;
    expect(started.headers.location).toBe(`/v1/matching-runs/${run.id}`);
    expect(run).toMatchObject({ status: 'running', matches: [], totalScore: null });
    const done = await eventually(async () => {
      const current = await runOf(run.id);
      return current.status === 'completed' ? current : false;
    });
    expect(done.matches).toHaveLength(4);
    expect(done.totalScore).toBeGreaterThan(0);
    expect(done.completedAt).toBeDefined();
    const active = (await call('GET', `/v1/programs/${programId}/matches`)).json().items as Match[];
    expect(active.map((m) => m.id).sort()).toEqual(done.matches.map((m) => m.id).sort());
    await eventually(async () => eventsFor('matching.run.completed', run.id).length === 1);
    // The same request and seed in the foreground find nobody left to match.
    const again = await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 1 });
    expect(again.statusCode).toBe(201);
    expect(again.json().matches).toEqual([]);
  });

  it('checks the request before answering: bad weights are a 400 and no run is stored', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool());
    const bad = await call('POST', `/v1/programs/${programId}/matching-runs`, { background: true, weights: { charisma: 2 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('weights');
    expect((await call('GET', `/v1/programs/${programId}/matching-runs`)).json().items).toEqual([]);
  });

  it('shows a run its process never finished as failed once no run could still be going', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool());
    const owner = postgresDriver(svc.databaseUrl, 1);
    const stale = uuidv7();
    try {
      await owner.query(
        `INSERT INTO matching.matching_runs (id, tenant_id, program_id, kind, status, objective, dry_run, parameters, requested_by, created_at)
         VALUES ($1, $2, $3, 'run', 'running', 'optimal', false, '{"seed": 1}', 'test', now() - interval '31 minutes')`,
        [stale, tenantA, programId],
      );
    } finally {
      await owner.close();
    }
    const run = await runOf(stale);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ status: 500, detail: expect.stringContaining('run it again') });
  });

  it('keeps what went wrong on a failed run, as the problem the request would have answered', async () => {
    // A profile the projection takes but the engine refuses (not an IANA zone) fails only once computed.
    const pool = [...mentoringPool(), { role: 'mentee' as const, profile: profile('mentee', 'negotiation', { timeZone: 'Moon/Base' }) }];
    const { programId } = await seedProgram(svc, tenantA, pool);
    const started = await call('POST', `/v1/programs/${programId}/matching-runs`, { background: true });
    expect(started.statusCode).toBe(202);
    const failed = await eventually(async () => {
      const current = await runOf(started.json().id);
      return current.status === 'failed' ? current : false;
    });
    expect(failed.error).toMatchObject({ status: 422 });
    expect(JSON.stringify(failed.error)).toContain('timeZone');
    expect((await call('GET', `/v1/programs/${programId}/matches`)).json().items).toEqual([]);
    expect(eventsFor('matching.run.completed', started.json().id)).toEqual([]);
  });
});

describe('match lifecycle', () => {
  const publishedRun = async () => {
    const seeded = await seedProgram(svc, tenantA, mentoringPool());
    const run = (await call('POST', `/v1/programs/${seeded.programId}/matching-runs`, { seed: 1 })).json();
    const memberOf = (m: Match, role: string) => seeded.people.find((p) => p.participantId === m.members.find((x) => x.role === role)!.participantId)!;
    return { ...seeded, matches: run.matches as Match[], memberOf };
  };

  it('lets an admin accept for everyone, emitting accepted once; a second accept is a 409', async () => {
    const { matches } = await publishedRun();
    const m = matches[0]!;
    const r = await call('POST', `/v1/matches/${m.id}/accept`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'accepted', version: 2 });
    expect((await call('POST', `/v1/matches/${m.id}/accept`)).statusCode).toBe(409);
    await eventually(async () => eventsFor('matching.match.accepted', m.id).length === 1);
    expect(eventsFor('matching.match.accepted', m.id)[0]!.data).toMatchObject({ matchId: m.id, members: m.members });
  });

  it('accepts once every member has accepted', async () => {
    const { matches, memberOf } = await publishedRun();
    const m = matches[1]!;
    const mentee = memberOf(m, 'mentee');
    const mentor = memberOf(m, 'mentor');
    const first = await call('POST', `/v1/matches/${m.id}/accept`, undefined, asParticipant(mentee));
    expect(first.json()).toMatchObject({ status: 'proposed' });
    expect(first.json().responses).toContainEqual({ participantId: mentee.participantId, response: 'accepted' });
    expect((await call('POST', `/v1/matches/${m.id}/accept`, undefined, asParticipant(mentee))).statusCode).toBe(409);
    const stranger = matches.flatMap((x) => x.members).find((x) => !ids(m).includes(x.participantId))!;
    expect((await call('POST', `/v1/matches/${m.id}/accept`, undefined, svc.as(tenantA, 'participant', stranger.participantId))).statusCode).toBe(404);
    const second = await call('POST', `/v1/matches/${m.id}/accept`, undefined, asParticipant(mentor));
    expect(second.json()).toMatchObject({ status: 'accepted' });
    await eventually(async () => eventsFor('matching.match.accepted', m.id).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsFor('matching.match.accepted', m.id)).toHaveLength(1);
  });

  it('declines without blame, ends with a reason, and answers 409 to moves that are not allowed', async () => {
    const { matches, memberOf } = await publishedRun();
    const [declined, ended] = [matches[0]!, matches[1]!];
    const mentee = memberOf(declined, 'mentee');
    const mentor = memberOf(declined, 'mentor');
    expect((await call('POST', `/v1/matches/${declined.id}/end`, { reason: 'too early' })).statusCode).toBe(409);
    const d = await call('POST', `/v1/matches/${declined.id}/decline`, { reason: 'we work in the same team' }, asParticipant(mentee));
    expect(d.json()).toMatchObject({ status: 'declined', reason: 'we work in the same team' });
    const otherView = (await call('GET', `/v1/matches/${declined.id}`, undefined, asParticipant(mentor))).json();
    expect(otherView.status).toBe('declined');
    expect(otherView.reason).toBeUndefined();
    expect((await call('GET', `/v1/matches/${declined.id}`)).json().reason).toBe('we work in the same team');
    expect((await call('POST', `/v1/matches/${declined.id}/accept`)).statusCode).toBe(409);
    expect((await call('POST', `/v1/matches/${declined.id}/decline`)).statusCode).toBe(409);
    await eventually(async () => eventsFor('matching.match.declined', declined.id).length === 1);
    expect(JSON.stringify(eventsFor('matching.match.declined', declined.id))).not.toContain('same team');

    await call('POST', `/v1/matches/${ended.id}/accept`);
    expect((await call('POST', `/v1/matches/${ended.id}/decline`)).statusCode).toBe(409);
    const noReason = await call('POST', `/v1/matches/${ended.id}/end`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('reason');
    const e = await call('POST', `/v1/matches/${ended.id}/end`, { reason: 'mentee changed role' }, asParticipant(memberOf(ended, 'mentor')));
    expect(e.json()).toMatchObject({ status: 'ended', version: 3 });
    expect((await call('POST', `/v1/matches/${ended.id}/end`, { reason: 'again' })).statusCode).toBe(409);
    await eventually(async () => eventsFor('matching.match.ended', ended.id).length === 1);
  });

  it('shows participants only their own matches', async () => {
    const { programId, matches, memberOf } = await publishedRun();
    const mentee = memberOf(matches[0]!, 'mentee');
    const own = (await call('GET', `/v1/programs/${programId}/matches`, undefined, asParticipant(mentee))).json();
    expect(own.items.map((m: Match) => m.id)).toEqual([matches[0]!.id]);
    const other = matches.find((m) => !ids(m).includes(mentee.participantId))!;
    expect((await call('GET', `/v1/matches/${other.id}`, undefined, asParticipant(mentee))).statusCode).toBe(404);
    expect((await call('GET', `/v1/matches/${matches[0]!.id}`, undefined, asParticipant(mentee))).statusCode).toBe(200);
    expect((await call('GET', `/v1/programs/${programId}/matching-runs`, undefined, asParticipant(mentee))).statusCode).toBe(403);
  });
});

describe('incremental runs and rematch', () => {
  it('matches a late joiner against spare capacity and leaves existing matches untouched', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool().slice(0, 5));
    const first = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 2 })).json();
    expect(first.matches).toHaveLength(3);
    await call('POST', `/v1/matches/${first.matches[0].id}/accept`);
    const before = (await call('GET', `/v1/programs/${programId}/matches?limit=200`)).json().items;

    const [late] = await approve(svc, tenantA, programId, [{ role: 'mentee', profile: profile('mentee', 'public-speaking') }]);
    const second = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 2 })).json();
    expect(second.matches).toHaveLength(1);
    expect(ids(second.matches[0])).toContain(late!.participantId);
    const after = (await call('GET', `/v1/programs/${programId}/matches?limit=200`)).json().items;
    expect(after).toHaveLength(4);
    for (const m of before) expect(after.find((x: Match) => x.id === m.id)).toEqual(m);
    const load = new Map<string, number>();
    for (const m of after as Match[]) {
      const mentor = m.members.find((x) => x.role === 'mentor')!.participantId;
      load.set(mentor, (load.get(mentor) ?? 0) + 1);
    }
    expect([...load.values()].sort()).toEqual([2, 2]);
    const third = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 2 })).json();
    expect(third.matches).toEqual([]);
  });

  it('rematches people left without a match, excluding their previous partners', async () => {
    // The mentee seeks exactly what the first mentor offers, so a plain run would pair them again.
    const { programId, people } = await seedProgram(svc, tenantA, [
      { role: 'mentor', profile: profile('mentor', 'negotiation', { capacity: 3 }) },
      { role: 'mentor', profile: profile('mentor', 'public-speaking', { capacity: 3 }) },
      { role: 'mentee', profile: profile('mentee', 'negotiation') },
    ]);
    const [best, other, mentee] = people as [Person, Person, Person];
    const run = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 5 })).json();
    expect(ids(run.matches[0])).toEqual([best.participantId, mentee.participantId].sort());
    await call('POST', `/v1/matches/${run.matches[0].id}/decline`, { reason: 'not a fit' }, asParticipant(mentee));

    const preview = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 5, dryRun: true })).json();
    expect(ids(preview.matches[0])).toContain(best.participantId);
    const rematch = await call('POST', `/v1/programs/${programId}/rematch`, { seed: 5 });
    expect(rematch.statusCode).toBe(201);
    expect(rematch.json()).toMatchObject({ kind: 'rematch', dryRun: false });
    expect(rematch.json().matches).toHaveLength(1);
    expect(ids(rematch.json().matches[0])).toEqual([other.participantId, mentee.participantId].sort());
    expect(rematch.json().matches[0]).toMatchObject({ origin: 'rematch', status: 'proposed' });
    expect((await call('POST', `/v1/programs/${programId}/rematch`, { seed: 'x' })).statusCode).toBe(400);
  });

  it('keeps no profile from an approval that arrives after the participant was erased', async () => {
    const { programId } = await seedProgram(svc, tenantA, mentoringPool());
    const erased = uuidv7();
    await svc.publish(tenantA, 'enrollment.participant.erased', erased, { participantId: erased });
    // The late approval has another key than the erasure; the next approval, on its topic, is a marker.
    await svc.publish(tenantA, 'enrollment.enrollment.approved', uuidv7(), {
      enrollmentId: uuidv7(), programId, participantId: erased, role: 'mentee', status: 'approved', profile: profile('mentee', 'negotiation'),
    });
    await approve(svc, tenantA, programId, [{ role: 'mentee', profile: profile('mentee', 'negotiation') }]);
    const rows = await svc.ctx.db.withTenant(tenantA, (sql) => sql.query(`SELECT 1 FROM pool WHERE participant_id = $1`, [erased]));
    expect(rows.rowCount).toBe(0);
  });

  it('drops withdrawn participants from later runs but leaves their matches', async () => {
    const { programId, people } = await seedProgram(svc, tenantA, mentoringPool().slice(0, 3));
    const run = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 1 })).json();
    const mentee = people[2]!;
    await svc.publish(tenantA, 'enrollment.enrollment.withdrawn', mentee.enrollmentId, {
      enrollmentId: mentee.enrollmentId, programId, participantId: mentee.participantId, role: 'mentee', status: 'withdrawn',
    });
    await eventually(async () => (await poolSize(svc, tenantA, programId)) === 2);
    expect((await call('GET', `/v1/matches/${run.matches[0].id}`)).json().status).toBe('proposed');
    await call('POST', `/v1/matches/${run.matches[0].id}/decline`);
    const next = (await call('POST', `/v1/programs/${programId}/matching-runs`, { dryRun: true })).json();
    expect(next.matches).toEqual([]);
    expect(next.unmatched.map((u: { participantId: string }) => u.participantId)).not.toContain(mentee.participantId);
  });
});

describe('manual matches and suggestions', () => {
  it('scores a manual pair, refuses hard-constraint violations unless forced, and names unknown participants', async () => {
    const { programId, people } = await seedProgram(svc, tenantA, [
      { role: 'mentor', profile: profile('mentor', 'negotiation') },
      { role: 'mentee', profile: profile('mentee', 'negotiation') },
      { role: 'mentee', profile: profile('mentee', 'negotiation', { languages: ['de'] }) },
    ]);
    const [mentor, fits, noLanguage] = people as [Person, Person, Person];
    const refused = await call('POST', `/v1/programs/${programId}/matches`, { members: [mentor.participantId, noLanguage.participantId] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('shared-language');
    expect(refused.json().errors).toContainEqual({ path: 'members', message: 'violates shared-language' });

    const unknown = await call('POST', `/v1/programs/${programId}/matches`, { members: [mentor.participantId, uuidv7()] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('members.1');
    expect((await call('POST', `/v1/programs/${programId}/matches`, { members: [mentor.participantId] })).statusCode).toBe(400);

    const made = await call('POST', `/v1/programs/${programId}/matches`, { members: [mentor.participantId, fits.participantId] });
    expect(made.statusCode).toBe(201);
    const match = made.json();
    expect(match).toMatchObject({ status: 'proposed', origin: 'manual', runId: null });
    expect(Object.values(match.explanation as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(match.score, 9);
    expect(match.constraints).toContain('shared-language');
    await eventually(async () => eventsFor('matching.match.proposed', match.id).length === 1);

    const forced = await call('POST', `/v1/programs/${programId}/matches`, { members: [mentor.participantId, noLanguage.participantId], force: true });
    expect(forced.statusCode).toBe(201);
    expect(forced.json().violations).toContain('shared-language');
    // The mentor's capacity of 2 is used up now.
    const [extra] = await approve(svc, tenantA, programId, [{ role: 'mentee', profile: profile('mentee', 'negotiation') }]);
    const full = await call('POST', `/v1/programs/${programId}/matches`, { members: [mentor.participantId, extra!.participantId] });
    expect(full.statusCode).toBe(422);
    expect(full.json().detail).toContain('capacity');
  });

  it('suggests the best partners with explanations, to admins and the participant', async () => {
    const { programId, people } = await seedProgram(svc, tenantA, mentoringPool());
    const mentee = people[2]!;
    const r = await call('GET', `/v1/programs/${programId}/participants/${mentee.participantId}/suggestions?k=5`);
    expect(r.statusCode).toBe(200);
    const { items } = r.json();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ participantId: people[0]!.participantId, role: 'mentor' });
    expect(items[0].score).toBeGreaterThanOrEqual(items[1].score);
    expect(Object.values(items[0].explanation as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(items[0].score, 9);
    const self = await call('GET', `/v1/programs/${programId}/participants/${mentee.participantId}/suggestions`, undefined, asParticipant(mentee));
    expect(self.statusCode).toBe(200);
    const other = await call('GET', `/v1/programs/${programId}/participants/${mentee.participantId}/suggestions`, undefined, asParticipant(people[3]!));
    expect(other.statusCode).toBe(404);
    expect((await call('GET', `/v1/programs/${programId}/participants/${mentee.participantId}/suggestions?k=0`)).statusCode).toBe(400);
    expect((await call('GET', `/v1/programs/${programId}/participants/${uuidv7()}/suggestions`)).statusCode).toBe(404);
  });
});

describe('tenancy', () => {
  it('answers 404 to another tenant for runs, matches and suggestions', async () => {
    const { programId, people } = await seedProgram(svc, tenantA, mentoringPool());
    const run = (await call('POST', `/v1/programs/${programId}/matching-runs`, { seed: 1 })).json();
    const b = svc.as(tenantB);
    const paths: ['GET' | 'POST', string][] = [
      ['GET', `/v1/matching-runs/${run.id}`],
      ['GET', `/v1/matches/${run.matches[0].id}`],
      ['POST', `/v1/matches/${run.matches[0].id}/accept`],
      ['GET', `/v1/programs/${programId}/matches`],
      ['GET', `/v1/programs/${programId}/participants/${people[2]!.participantId}/suggestions`],
      ['POST', `/v1/programs/${programId}/matching-runs`],
      ['POST', `/v1/programs/${programId}/rematch`],
    ];
    for (const [method, path] of paths) {
      const r = await call(method, path, method === 'POST' ? {} : undefined, b);
      expect(r.statusCode, path).toBe(404);
    }
    const member = svc.as(tenantB, 'participant', run.matches[0].members[0].participantId);
    expect((await call('GET', `/v1/matches/${run.matches[0].id}`, undefined, member)).statusCode).toBe(404);
    expect((await call('GET', `/v1/matches/${run.matches[0].id}`)).json().status).toBe('proposed');
  });
});
