import rateLimit from '@fastify/rate-limit';
import { AppError, type Authenticate, type Caller } from '@tandem/platform';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { GatewayConfig } from './config';
import type { KeyResolver } from './keys';


/**
 * The gateway's front door, attached to every route (not to a URL prefix, so no request form
 * skips it): resolves the API key, then takes one request from the caller's budget — per tenant
 * for tenant keys, per client address for requests with a missing or invalid key (which then get
 * their 401 until that budget is spent, and 429 after). Limits live in Redis when REDIS_URL is set,
 * so every gateway shares them; a Redis outage lets requests through rather than refusing them.
 */
export async function gatewayAuthenticate(app: FastifyInstance, config: GatewayConfig, keys: KeyResolver): Promise<Authenticate> {
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, commandTimeout: 500, connectTimeout: 2000, maxRetriesPerRequest: 1, lazyConnect: true })
    : undefined;
  redis?.on('error', () => {}); // counted as skipOnError; the client reconnects by itself
  if (redis) app.addHook('onClose', async () => void redis.disconnect());
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, skipOnError: true, nameSpace: 'tandem-rate-limit:' } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'rate-limited', `rate limit of ${context.max} requests a minute reached; retry after ${context.after}`),
  });
  const perTenant = app.rateLimit({
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) => callerKey(request.caller),
  });
  const perAddress = (max: number) => app.rateLimit({ max, timeWindow: 60_000, keyGenerator: (request) => `address:${request.ip}` });
  const authFailures = perAddress(config.AUTH_FAILURES_PER_MINUTE);
  const anonymous = perAddress(config.RATE_LIMIT_PER_MINUTE);

  return async (request, reply, endpoint) => {
    if (endpoint.roles.includes('public')) {
      await anonymous.call(app, request, reply);
      return undefined;
    }
    let caller: Caller;
    try {
      caller = await keys.resolve(request.headers.authorization);
    } catch (error) {
      if (error instanceof AppError && error.status === 401) await authFailures.call(app, request, reply);
      throw error;
    }
    request.caller = caller;
    await perTenant.call(app, request, reply);
    return caller;
  };
}

const callerKey = (caller: Caller | undefined) => (caller && caller.role !== 'operator' ? `tenant:${caller.tenantId}` : 'operator');
