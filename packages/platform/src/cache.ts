import { Redis } from 'ioredis';

/** The dashboard cache port: Redis in a cluster, a map in the all-in-one process. */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(keys: readonly string[]): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A cache answers fast or not at all: a command that takes longer fails, and the caller reads the database. */
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2000;

/**
 * Redis as a cache that can fail without taking anything with it: every command gives up after
 * COMMAND_TIMEOUT_MS (a frozen server answers nothing), and while the connection is down commands
 * fail at once instead of queueing (no offline queue); ioredis keeps reconnecting meanwhile.
 */
export function createRedisCache(url: string): Cache {
  const redis = new Redis(url, {
    lazyConnect: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  // Connection errors surface on the commands that need Redis (and in tandem_dependency_up), not as crashes.
  redis.on('error', () => {});
  let closed = false;
  return {
    kind: 'redis',
    get: (key) => redis.get(key),
    async set(key, value, ttlSeconds) {
      await redis.set(key, value, 'EX', ttlSeconds);
    },
    async del(keys) {
      if (keys.length > 0) await redis.del(...keys);
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      if (closed) return;
      closed = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export function createMemoryCache(now: () => number = Date.now): Cache {
  const entries = new Map<string, { value: string; expires: number }>();
  return {
    kind: 'memory',
    async get(key) {
      const e = entries.get(key);
      if (!e || e.expires <= now()) return null;
      return e.value;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { value, expires: now() + ttlSeconds * 1000 });
    },
    async del(keys) {
      for (const k of keys) entries.delete(k);
    },
    async ping() {},
    async close() {
      entries.clear();
    },
  };
}
