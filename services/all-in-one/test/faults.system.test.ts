import { deadLetterTopic, topicOf, type Producer } from '@tandem/contracts';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Api, expectStatus, type ApiResponse } from './api-client';
import { enrollmentBody, programBody } from './lifecycle';
import { SERVICES, startPrivateCluster, type PrivateCluster, type ServiceName } from './private-cluster';

/*
 * The fault suite: the local cluster (a process per service on PostgreSQL, Kafka and Redis of its
 * own) drives one program per fault through the gateway's public API, the way an admin's script
 * would (retrying what fails while the fault lasts), and injects the fault while the approvals
 * run. After each fault, within a bounded wait: every accepted match has exactly one first session
 * with a time, every approved participant exactly one baseline survey, the dashboard equals the
 * truth, no event was dead-lettered and no process exited. A table of the figures is printed at
 * the end (docs/benchmarks.md keeps one).
 */

const MENTORS = 5;
const MENTEES = 15;
const PEOPLE = MENTORS + MENTEES;
/** The fault hits once this many approvals went through. */
const INJECT_AFTER_APPROVALS = 5;
/** Bound of the driver's retries of one step, and of the wait for convergence after a fault. */
const STEP_WITHIN_MS = 120_000;
const CONVERGE_WITHIN_MS = 150_000;
/** The other tenant's backlog: an import of this many enrollments and their approvals, two events each. */
const BACKLOG_PEOPLE = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let pc: PrivateCluster;
let api: Api;
const outcomes: Outcome[] = [];

interface Outcome {
  fault: string;
  inFlight: number;
  lost: number;
  duplicated: number;
  convergedMs: number | undefined;
}

beforeAll(async () => {
  pc = await startPrivateCluster({ inherit: process.env.FAULT_SUITE_LOGS === '1' });
  api = new Api(pc.cluster.url);
  await pc.bus.ensureTopics(consumedTopics.map(deadLetterTopic));
}, 420_000);

afterAll(async () => {
  if (outcomes.length > 0) console.log(`\nfault suite (${PEOPLE} people, ${MENTEES} matches per fault)\n${table(outcomes)}\n`);
  await pc?.close();
}, 120_000);

// ---------------------------------------------------------------------------------------------
// Driving a program through the public API, as a script that retries would.

class Fatal extends Error {}

/** Runs `attempt` until it gives a value; errors and undefined mean "not yet" (a fault is on), Fatal stops. */
async function retrying<T>(what: string, attempt: () => Promise<T | undefined>, withinMs = STEP_WITHIN_MS): Promise<T> {
  const deadline = Date.now() + withinMs;
  let last: unknown;
  for (let wait = 100; ; wait = Math.min(wait * 2, 1000)) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof Fatal) throw error;
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not done within ${withinMs} ms${last ? ` (${String(last)})` : ''}`);
    await sleep(wait);
  }
}

/**
 * A state change: done on 2xx, or on a 409 once the state it asked for is there (an earlier try
 * went through but its answer was lost). Unavailable (5xx, no connection) is retried; any other
 * answer is a bug.
 */
const change = (what: string, call: () => Promise<ApiResponse>, reached: () => Promise<boolean>) =>
  retrying(what, async () => {
    const r = await call();
    if (r.status < 300) return r;
    if (r.status === 409 && (await reached())) return r;
    if (r.status >= 500 || r.status === 409 || r.status === 429) return undefined;
    throw new Fatal(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  });

async function inParallel<T>(items: readonly T[], width: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await each(items[next++]!);
  }));
}

interface Program {
  admin: Api;
  programId: string;
  enrollments: { id: string; participantId: string }[];
}

/** A tenant with an open program and its enrollments (done before any fault). */
async function enrolledProgram(slug: string, people: number, offset = 0): Promise<Program> {
  const tenant = await expectStatus(api.as(pc.operatorKey).post('/v1/tenants', { name: `Org ${slug}`, slug }), 201);
  const admin = api.as(tenant.adminApiKey);
  const program = await expectStatus(admin.post('/v1/programs', programBody), 201);
  await expectStatus(admin.post(`/v1/programs/${program.id}/open`), 200);
  const enrollments: Program['enrollments'] = [];
  for (let i = 0; i < people; i += 1) {
    const role = i < MENTORS ? 'mentor' : 'mentee';
    enrollments.push(await expectStatus(admin.post(`/v1/programs/${program.id}/enrollments`, enrollmentBody(offset + i, role)), 201));
  }
  return { admin, programId: program.id, enrollments };
}

/** Approves everyone, starts the program, publishes a matching run and accepts every match. */
async function driveProgram({ admin, programId, enrollments }: Program, progress: { approved: number }): Promise<string[]> {
  await inParallel(enrollments, 4, async (e) => {
    await change('approve', () => admin.post(`/v1/enrollments/${e.id}/approve`),
      async () => (await admin.get(`/v1/enrollments/${e.id}`)).body?.status === 'approved');
    progress.approved += 1;
  });
  await change('start', () => admin.post(`/v1/programs/${programId}/start`),
    async () => (await admin.get(`/v1/programs/${programId}`)).body?.status === 'running');
  // Matching learns the approvals from events: preview until it sees everyone, then publish once.
  const matches = await retrying('matching run', async () => {
    const published = await admin.get(`/v1/programs/${programId}/matches?limit=200`);
    if (published.status !== 200) return undefined;
    if (published.body.items.length > 0) return published.body.items as { id: string }[];
    const preview = await admin.post(`/v1/programs/${programId}/matching-runs`, { dryRun: true, seed: 1 });
    if (preview.status !== 201 || preview.body.matches.length < MENTEES) return undefined;
    const run = await admin.post(`/v1/programs/${programId}/matching-runs`, { dryRun: false, seed: 1 });
    return run.status === 201 ? (run.body.matches as { id: string }[]) : undefined;
  });
  await inParallel(matches, 4, async (m) => {
    await change('accept', () => admin.post(`/v1/matches/${m.id}/accept`),
      async () => (await admin.get(`/v1/matches/${m.id}`)).body?.status === 'accepted');
  });
  return matches.map((m) => m.id);
}

// ---------------------------------------------------------------------------------------------
// What must hold after a fault, read through the public API and from the broker.

/** Topics somebody consumes, whose dead letters would mean lost work. */
const consumedTopics = (['enrollment', 'matching', 'scheduling', 'surveys', 'analytics'] as Producer[]).map(topicOf);
const consumers: Record<string, string[]> = {
  matching: ['enrollment', 'analytics'],
  scheduling: ['enrollment', 'matching'],
  surveys: ['enrollment', 'scheduling'],
  analytics: ['enrollment', 'matching', 'scheduling', 'surveys'],
};

/** Committed events not yet on the bus plus events on the bus a consumer has not committed. */
async function eventsInFlight(): Promise<number> {
  const outbox = await pc.database.query<{ n: number }>(
    SERVICES.map((s) => `SELECT count(*)::int AS n FROM ${s}.outbox WHERE published_at IS NULL`).join(' UNION ALL '),
  );
  let total = outbox.rows.reduce((sum, r) => sum + r.n, 0);
  for (const [group, producers] of Object.entries(consumers)) {
    total += await pc.bus.lag(group, producers.map((p) => topicOf(p as Producer)));
  }
  return total;
}

/** Letters on the dead-letter topics: a group that never committed lags by all of them. */
const deadLetters = () => pc.bus.lag('fault-suite-dead-letters', consumedTopics.map(deadLetterTopic));

const exitedProcesses = () =>
  [...pc.cluster.processes].filter(([, child]) => child.exitCode !== null || child.signalCode !== null).map(([name]) => name);

interface Tally {
  lost: number;
  duplicated: number;
  problems: string[];
}

/** Compares what the API shows with the truth; what is missing is lost, what is there too often duplicated. */
async function tally({ admin, programId, enrollments }: Program, matchIds: string[]): Promise<Tally> {
  const t: Tally = { lost: 0, duplicated: 0, problems: [] };
  const off = (what: string, actual: number, expected: number) => {
    if (actual < expected) t.lost += expected - actual;
    if (actual > expected) t.duplicated += actual - expected;
    if (actual !== expected) t.problems.push(`${what}: ${actual} instead of ${expected}`);
  };
  for (const matchId of matchIds) {
    const r = await admin.get(`/v1/matches/${matchId}/sessions`);
    const sessions = r.status === 200 ? (r.body.items as { status: string }[]) : [];
    off(`first sessions with a time of match ${matchId}`, sessions.filter((s) => s.status === 'scheduled').length, 1);
    if (sessions.length > 1) off(`sessions of match ${matchId}`, sessions.length, 1);
  }
  const r = await admin.get(`/v1/programs/${programId}/survey-assignments?limit=200`);
  const assignments = r.status === 200 ? (r.body.items as { participantId: string; kind: string }[]) : [];
  for (const { participantId } of enrollments) {
    off(`baselines of ${participantId}`, assignments.filter((a) => a.participantId === participantId && a.kind === 'baseline').length, 1);
  }
  const d = await admin.get(`/v1/programs/${programId}/dashboard`);
  if (d.status !== 200) {
    t.lost += 1;
    t.problems.push(`dashboard answered ${d.status}`);
  } else {
    off('dashboard approved', d.body.enrollments.byStatus.approved, PEOPLE);
    off('dashboard active matches', d.body.matches.active, matchIds.length);
    off('dashboard scheduled sessions', d.body.sessions.scheduled, matchIds.length);
    // A first session still waiting for a time is a first session with a time missing.
    if (d.body.sessions.needsTime > 0) {
      t.lost += d.body.sessions.needsTime;
      t.problems.push(`dashboard sessions needing a time: ${d.body.sessions.needsTime}`);
    }
    off('dashboard surveys assigned', d.body.surveys.assigned, PEOPLE);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// The faults.

interface Fault {
  name: string;
  /** Before the program is set up. */
  before?(): Promise<void>;
  /** Injected during the approvals; resolves once the fault is over (server back, process restarted). */
  inject(driving: Promise<unknown>): Promise<void>;
}

const kill = (name: ServiceName): Fault => ({
  name: `kill -9 ${name}`,
  async inject() {
    const child = pc.cluster.processes.get(name)!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await pc.cluster.restart(name);
  },
});

/** Reads the dashboard of an earlier program while a cache fault lasts: it must answer, from the database. */
async function readDashboardsFor(ms: number, program: Program | undefined): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (program) {
      const r = await program.admin.get(`/v1/programs/${program.programId}/dashboard`);
      expect(r.status).toBe(200);
    }
    await sleep(250);
  }
}

let lastProgram: Program | undefined;

const faults: Fault[] = [
  ...SERVICES.map(kill),
  {
    name: 'broker stop and start',
    async inject() {
      await pc.kafka.stop();
      await sleep(10_000);
      await pc.kafka.start();
    },
  },
  {
    name: 'every database connection terminated',
    async inject() {
      for (let i = 0; i < 5; i += 1) {
        const r = await pc.admin.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1`, [pc.databaseName],
        );
        expect(r.rows[0]!.n).toBeGreaterThan(0);
        await sleep(500);
      }
    },
  },
  {
    name: 'database refusing connections for 20 s',
    async inject() {
      await pc.postgres.stop();
      await sleep(20_000);
      await pc.postgres.start();
    },
  },
  {
    name: 'Redis stopped',
    async inject() {
      await pc.redis.stop();
      try {
        await readDashboardsFor(8_000, lastProgram);
      } finally {
        await pc.redis.start();
      }
    },
  },
  {
    name: 'Redis frozen (SIGSTOP)',
    async inject() {
      pc.redis.freeze();
      try {
        await readDashboardsFor(8_000, lastProgram);
      } finally {
        pc.redis.thaw();
      }
    },
  },
  {
    name: `scheduling and surveys restarted behind ${2 * BACKLOG_PEOPLE} events of another tenant`,
    async before() {
      await pc.cluster.stop('scheduling');
      await pc.cluster.stop('surveys');
      const other = await enrolledProgram('fault-backlog', 0);
      const rows = Array.from({ length: BACKLOG_PEOPLE }, (_, i) => enrollmentBody(10_000 + i, i % 4 === 0 ? 'mentor' : 'mentee'));
      const imported = await expectStatus(other.admin.post(`/v1/programs/${other.programId}/enrollments/import`, rows), 200);
      expect(imported.created).toBe(BACKLOG_PEOPLE);
      const ids: string[] = [];
      for (let cursor: string | null = null; ;) {
        const page: ApiResponse = await other.admin.get(`/v1/programs/${other.programId}/enrollments?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        ids.push(...(page.body.items as { id: string }[]).map((e) => e.id));
        cursor = page.body.nextCursor;
        if (!cursor) break;
      }
      await inParallel(ids, 8, async (id) => void (await expectStatus(other.admin.post(`/v1/enrollments/${id}/approve`), 200)));
    },
    // The new program's events queue behind the backlog, on the enrollment topic only: its
    // acceptances (matching topic) reach scheduling long before its program and availability.
    async inject(driving) {
      await driving;
      await Promise.all([pc.cluster.restart('scheduling'), pc.cluster.restart('surveys')]);
    },
  },
];

describe('fault suite (local cluster on private PostgreSQL, Kafka and Redis)', () => {
  for (const [index, fault] of faults.entries()) {
    it(`converges after: ${fault.name}`, async () => {
      onTestFailed(() => console.log(`last lines of the processes' logs:\n${pc.logTail()}`));
      await fault.before?.();
      const program = await enrolledProgram(`fault-${index + 1}`, PEOPLE, index * 100);
      const progress = { approved: 0 };
      const driving = driveProgram(program, progress);
      driving.catch(() => {}); // awaited below; a rejection before then is not unhandled
      await retrying('approvals before the fault', async () => progress.approved >= INJECT_AFTER_APPROVALS || undefined);
      const inFlight = await eventsInFlight();
      await fault.inject(driving);
      const over = Date.now();
      const matchIds = await driving;

      let convergedMs: number | undefined;
      let last: Tally = { lost: 0, duplicated: 0, problems: [] };
      while (Date.now() - over < CONVERGE_WITHIN_MS) {
        last = await tally(program, matchIds).catch((error: unknown) => ({ lost: 1, duplicated: 0, problems: [String(error)] }));
        if (last.problems.length === 0) {
          convergedMs = Date.now() - over;
          break;
        }
        await sleep(500);
      }
      outcomes.push({ fault: fault.name, inFlight, lost: last.lost, duplicated: last.duplicated, convergedMs });
      lastProgram = program;
      expect(last.problems).toEqual([]);
      expect(matchIds).toHaveLength(MENTEES);
      expect(await deadLetters()).toBe(0);
      expect(exitedProcesses()).toEqual([]);
    }, STEP_WITHIN_MS + CONVERGE_WITHIN_MS + 120_000);
  }
});

function table(rows: Outcome[]): string {
  const lines = [
    '| fault | events in flight | lost | duplicated | time to converge |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.fault} | ${r.inFlight} | ${r.lost} | ${r.duplicated} | ${r.convergedMs === undefined ? 'did not' : `${(r.convergedMs / 1000).toFixed(1)} s`} |`),
  ];
  return lines.join('\n');
}
