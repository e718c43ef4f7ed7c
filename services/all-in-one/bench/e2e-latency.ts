import { eventually } from '@tandem/platform/testing';
import { Api, expectStatus } from '../test/api-client';
import { benchCluster, percentile, programWithApprovedPool } from './bench-cluster';

/**
 * End-to-end latency on the local cluster (separate processes, Kafka, PostgreSQL, Redis): from the
 * HTTP 200 of "accept match" to the first session being visible through the public API.
 * Usage: pnpm exec tsx services/all-in-one/bench/e2e-latency.ts [matches=200]
 */
const matchCount = Number(process.argv[2] ?? 200);
const { cluster, operatorKey } = await benchCluster('e2e');
try {
  const api = new Api(cluster.url);
  const { admin, program } = await programWithApprovedPool(api, operatorKey, matchCount);
  const run = await eventually(async () => {
    const r = await admin.post(`/v1/programs/${program.id}/matching-runs`, { dryRun: true, seed: 1 });
    return r.status === 201 && r.body.matches.length === matchCount ? r : false;
  }, 120_000, 500);
  if (!run) throw new Error('no run');
  const published = await expectStatus(admin.post(`/v1/programs/${program.id}/matching-runs`, { seed: 1 }), 201);
  const latencies: number[] = [];
  for (const match of published.matches as { id: string }[]) {
    await expectStatus(admin.post(`/v1/matches/${match.id}/accept`), 200);
    const accepted = performance.now();
    await eventually(async () => (await admin.get(`/v1/matches/${match.id}/sessions`)).body.items.length > 0, 30_000, 2);
    latencies.push(performance.now() - accepted);
  }
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({
    benchmark: 'match accepted (HTTP 200) -> session planned (visible via API), local cluster with Kafka',
    matches: latencies.length,
    medianMs: +percentile(latencies, 50).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
    maxMs: +latencies.at(-1)!.toFixed(1),
  }, null, 2));
} finally {
  await cluster.close();
}
