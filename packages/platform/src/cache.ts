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

export function createRedisCache(url: string): Cache {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // Connection errors surface on the commands that need Redis (and in /ready), not as crashes.
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
