/**
 * A whole large program through the matching service: POST /v1/programs/{id}/matching-runs over
 * real HTTP on PostgreSQL, the way the gateway calls it, while /health is polled every 100 ms. A
 * pool this large runs in the background, so the POST answers 202 and the run is polled until done.
 * Prints when the POST answered, when the run completed and what it spent (snapshot read, engine on
 * its worker thread, writing the matches and their events), the result's size, /health latency
 * during the run, and how long the outbox relay takes to publish the run's events (in-memory bus).
 *
 * The pool is written straight into the service's projection tables (as its consumer would from
 * enrollment.enrollment.approved), from the engine's synthetic population.
 * Usage: pnpm exec tsx services/matching/bench/large-run.ts [people=100000] [format=mentoring|peer]
 */
import { syntheticParticipants, type Participant } from '@tandem/matching-engine';
import { postgresDriver, uuidv7 } from '@tandem/platform';
import { startTestService } from '@tandem/platform/testing';
import { matchingService } from '../src/index';

const people = Number(process.argv[2] ?? 100_000);
const format = (process.argv[3] ?? 'mentoring') as 'mentoring' | 'peer';
const population = format === 'mentoring'
  ? syntheticParticipants({ mentees: Math.round(people * 0.8), mentors: Math.round(people * 0.2), seed: 1 })
  : syntheticParticipants({ peers: people, seed: 1 });

const svc = await startTestService(matchingService, { database: 'bench_large_run' });
const owner = postgresDriver(svc.databaseUrl, 2);
try {
  const tenantId = uuidv7();
  const programId = uuidv7();
  const seedStarted = performance.now();
  await seedProjection(tenantId, programId, population);
  console.log(`seeded ${population.length.toLocaleString('en')} approved ${format} enrollments in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  let started = performance.now();
  const health: number[] = [];
  /** Health answers slower than 250 ms: [seconds since the POST, ms]. */
  const slow: [number, number][] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t = performance.now();
      await fetch(`${svc.url}/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
      if (health.at(-1)! > 250) slow.push([+((t - started) / 1000).toFixed(1), Math.round(health.at(-1)!)]);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  // A pool this large runs in the background: 202 at once, then the run is polled until it is done.
  started = performance.now();
  const answer = await fetch(`${svc.url}/v1/programs/${programId}/matching-runs`, {
    method: 'POST', headers: svc.as(tenantId), body: JSON.stringify({ seed: 1 }),
  });
  let text = await answer.text();
  const answeredMs = performance.now() - started;
  let lastPollMs = 0;
  if (answer.status !== 201 && answer.status !== 202) throw new Error(`run answered ${answer.status}: ${text.slice(0, 500)}`);
  const runId = (JSON.parse(text) as { id: string }).id;
  while ((JSON.parse(text) as { status: string }).status === 'running') {
    await new Promise((r) => setTimeout(r, 250));
    lastPollMs = performance.now() - started;
    text = await (await fetch(`${svc.url}/v1/matching-runs/${runId}`, { headers: svc.as(tenantId) })).text();
  }
  const httpMs = performance.now() - started;
  polling = false;
  await poller;
  const run = JSON.parse(text) as { status: string; matches: unknown[]; unmatched: unknown[]; stats: { durationMs: number; meanScore: number } };
  if (run.status !== 'completed') throw new Error(`run ${run.status}: ${text.slice(0, 500)}`);

  const drainStarted = performance.now();
  const backlogAtEnd = await svc.ctx.relay.backlog();
  while ((await svc.ctx.relay.backlog()) > 0) await new Promise((r) => setTimeout(r, 200));
  const drainMs = performance.now() - drainStarted;

  health.sort((a, b) => a - b);
  const at = (p: number) => health[Math.min(health.length - 1, Math.ceil((p / 100) * health.length) - 1)] ?? NaN;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(JSON.stringify({
    benchmark: `matching run through the service, ${format}, ${population.length} people`,
    matches: run.matches.length,
    unmatched: run.unmatched.length,
    meanScore: +run.stats.meanScore.toFixed(4),
    answered: `${answer.status} in ${answeredMs.toFixed(0)} ms`,
    completed: s(httpMs),
    lastPollSentAt: s(lastPollMs),
    engine: s(run.stats.durationMs),
    restOfRun: s(httpMs - run.stats.durationMs),
    resultMB: +(text.length / 2 ** 20).toFixed(1),
    healthDuringRun: { polls: health.length, p50Ms: +at(50).toFixed(1), p99Ms: +at(99).toFixed(1), maxMs: +(health.at(-1) ?? NaN).toFixed(1), slowAtSecondsAndMs: slow },
    eventsQueuedAtAnswer: backlogAtEnd,
    outboxDrained: s(drainMs),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }, null, 2));
} finally {
  await owner.close();
  await svc.stop();
}

/** The program and its approved pool, as the projection consumer would write them. */
async function seedProjection(tenantId: string, programId: string, participants: Participant[]): Promise<void> {
  const uuidOf = new Map(participants.map((p) => [p.id, uuidv7()]));
  const ids = (list: string[] | undefined) => (list ?? []).map((id) => uuidOf.get(id)!).filter(Boolean);
  await owner.query(
    `INSERT INTO matching.programs (id, tenant_id, format, status, starts_at, cadence, session_minutes, matching, as_of)
     VALUES ($1, $2, $3, 'running', '2031-01-06T00:00:00Z', '{"every": 2, "unit": "week"}', 45, '{"objective": "optimal"}', now())`,
    [programId, tenantId, format],
  );
  for (let from = 0; from < participants.length; from += 5000) {
    const chunk = participants.slice(from, from + 5000);
    await owner.query(
      `INSERT INTO matching.pool (program_id, participant_id, tenant_id, enrollment_id, role, status, profile)
       SELECT $1, p, $2, e, r, 'approved', f FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::jsonb[]) AS t(p, e, r, f)`,
      [programId, tenantId, chunk.map((p) => uuidOf.get(p.id)), chunk.map(() => uuidv7()), chunk.map((p) => p.role),
        chunk.map((p) => JSON.stringify({
          capacity: p.capacity ?? 1, department: p.department, location: p.location, level: p.level, timeZone: p.timeZone,
          languages: p.languages, skillsOffered: p.skillsOffered ?? [], skillsSought: p.skillsSought ?? [], goals: p.goals ?? [],
          interests: p.interests ?? [], availability: p.availability ?? [],
          preferences: { prefer: ids(p.preferences?.prefer), avoid: ids(p.preferences?.avoid) },
        }))],
    );
  }
}
