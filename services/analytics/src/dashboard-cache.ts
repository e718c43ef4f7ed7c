import type { Sql } from '@tandem/platform';

/**
 * Dashboard caching, and why it never serves numbers older than a committed event, while no
 * database transaction ever waits on the cache (a slow or stopped Redis must not hold locks or
 * stall the consumers).
 *
 * Every writer that changes a program's dashboard (event handlers, the at-risk check) raises the
 * program's version in its own transaction (markDashboardsChanged). A reader reads the version,
 * looks for the dashboard cached under that version, and on a miss computes the dashboard and the
 * version from one snapshot, and caches it under that version after the transaction ended. A
 * value under version v was computed from exactly the rows of version v, and once a writer
 * commits v + 1 nobody asks for v any more: stale entries are never read, they just expire with
 * the TTL. The cache only ever saves the counting query.
 */

export const dashboardKey = (tenantId: string, programId: string, version: number) =>
  `analytics:dashboard:${tenantId}:${programId}:v${version}`;

/** The program's dashboard version (0 before any event about it). */
export async function dashboardVersion(sql: Sql, programId: string): Promise<number> {
  const r = await sql.query<{ version: number }>(`SELECT version FROM dashboard_versions WHERE program_id = $1`, [programId]);
  return r.rows[0]?.version ?? 0;
}

/**
 * Called by a writer inside its transaction: raises the programs' dashboard versions (in a fixed
 * order, so two writers never wait on each other crosswise). The row lock it takes also keeps
 * writers of one program in line until commit.
 */
export async function markDashboardsChanged(sql: Sql, tenantId: string, programIds: Iterable<string>): Promise<void> {
  for (const id of [...new Set(programIds)].sort()) {
    await sql.query(
      `INSERT INTO dashboard_versions (tenant_id, program_id, version) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, program_id) DO UPDATE SET version = dashboard_versions.version + 1`,
      [tenantId, id],
    );
  }
}
