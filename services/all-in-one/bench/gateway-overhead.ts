import autocannon from 'autocannon';
import { signTenantContext, TENANT_CONTEXT_HEADER } from '@tandem/platform';
import { Api } from '../test/api-client';
import { benchCluster, programWithApprovedPool } from './bench-cluster';

/**
 * Gateway overhead: GET /v1/programs/{id} through the gateway (API key, rate limit, signed context,
 * proxy) against the same call straight to the enrollment service, in the same run.
 * Usage: pnpm exec tsx services/all-in-one/bench/gateway-overhead.ts [seconds=10] [connections=10]
 */
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
// The per-tenant rate limit would otherwise be what this measures.
process.env.RATE_LIMIT_PER_MINUTE = '100000000';
const { cluster, operatorKey, internalSecret } = await benchCluster('gateway');
try {
  const { admin, tenant, program } = await programWithApprovedPool(new Api(cluster.url), operatorKey, 1);
  const path = `/v1/programs/${program.id}`;
  const load = (url: string, headers: Record<string, string>) =>
    autocannon({ url: `${url}${path}`, headers, connections, duration: seconds });
  const keyId = 'bench';
  const direct = await load('http://127.0.0.1:28081', {
    [TENANT_CONTEXT_HEADER]: signTenantContext({ tenantId: tenant.id, role: 'admin', keyId }, internalSecret, 3600),
  });
  const viaGateway = await load(cluster.url, { authorization: `Bearer ${admin.key}` });
  const row = (name: string, r: autocannon.Result) => ({
    path: name, requestsPerSecond: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99,
    non2xx: r.non2xx, errors: r.errors,
  });
  console.table([row('enrollment service directly', direct), row('through the gateway', viaGateway)]);
} finally {
  await cluster.close();
}
