import type { FastifyInstance } from 'fastify';
import type { EventBus } from './bus/port';
import type { Cache } from './cache';
import type { Database } from './db';
import { observeDependency } from './metrics';

/** How long /ready waits for the database: a probe must get an answer, not hang with a frozen server. */
const READY_TIMEOUT_MS = 2000;

/**
 * Whether this process can serve its requests (GET /ready). Every request of a service needs
 * its database, so that is what readiness checks. The broker and the cache are not: while the
 * broker is away, writes keep going into the outbox and leave when it returns; while the cache is
 * away, dashboards are computed from the database. Failing readiness for them would take the
 * whole API out of service for an outage it rides out.
 */
export async function readyToServe(db: Database): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the database did not answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    throw new Error(`database unavailable: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reports at every scrape whether each dependency answers (tandem_dependency_up, 1 or 0), for
 * the operator, since readiness leaves the broker and the cache out; until the app closes.
 */
export function watchDependencies(app: FastifyInstance, service: string, deps: { db: Database; bus: EventBus; cache: Cache }): void {
  const stops = [
    observeDependency(service, 'database', () => deps.db.ping()),
    observeDependency(service, 'bus', () => deps.bus.ping()),
    observeDependency(service, 'cache', () => deps.cache.ping()),
  ];
  app.addHook('onClose', async () => {
    for (const stop of stops) stop();
  });
}
