import type { Cache, Logger, Sql } from '@tandem/platform';

/**
 * Dashboard caching, and why it never serves numbers older than a committed event.
 *
 * Deleting the key only after the writer commits is not enough: a reader may compute from the
 * old rows before the commit and store them after the delete. Deleting before the commit is not
 * enough either: a reader may re-cache the old rows between the delete and the commit. So readers
 * and writers of one program's dashboard meet on a transaction-scoped PostgreSQL advisory lock:
 *
 * - a writer (event handler, at-risk check) takes it exclusively after its writes, deletes the
 *   key, and keeps the lock until its transaction commits;
 * - a reader that misses the cache takes it shared, computes, and stores the value before its
 *   transaction ends.
 *
 * A reader's compute-and-store therefore happens wholly before the writer's delete (and is
 * deleted) or wholly after the commit (and sees the new rows). The TTL only bounds how long an
 * entry lives when a delete could not reach the cache.
 */

export const dashboardKey = (tenantId: string, programId: string) => `analytics:dashboard:${tenantId}:${programId}`;

const lockName = (tenantId: string, programId: string) => `analytics.dashboard:${tenantId}:${programId}`;

/** Shared lock for a reader about to compute and cache one dashboard. */
export async function lockForReading(sql: Sql, tenantId: string, programId: string): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [lockName(tenantId, programId)]);
}

/**
 * Called by a writer inside its transaction, after its writes: locks the programs' dashboards
 * until commit (in a fixed order, so two writers never wait on each other crosswise) and drops
 * their cached copies.
 */
export async function invalidateDashboards(
  sql: Sql,
  cache: Cache,
  logger: Logger,
  tenantId: string,
  programIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(programIds)].sort();
  if (ids.length === 0) return;
  for (const id of ids) {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockName(tenantId, id)]);
  }
  try {
    await cache.del(ids.map((id) => dashboardKey(tenantId, id)));
  } catch (error) {
    // The read models are the truth and must not stall on the cache: the entry expires with its TTL.
    logger.warn({ err: error, tenantId, programIds: ids }, 'dashboard cache invalidation failed');
  }
}
