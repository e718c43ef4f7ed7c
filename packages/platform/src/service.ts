import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EventBus, Subscription } from './bus/port';
import type { Cache } from './cache';
import { startConsumer, type EventHandler } from './consumer';
import { Database, migrate, type Sql, type SqlDriver } from './db';
import { forbidden } from './errors';
import { buildHttpApp } from './http';
import type { Logger } from './logger';
import { OutboxRelay } from './outbox';
import { readyToServe, watchDependencies } from './readiness';
import { scheduleRetention, type RetentionSettings } from './retention';
import { TENANT_CONTEXT_HEADER, verifyTenantContext, type TenantContext } from './tenant-context';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: TenantContext;
  }
}

/** What a service gets to do its work: its own schema, the bus, the cache and a logger. */
export interface ServiceContext {
  name: string;
  db: Database;
  bus: EventBus;
  cache: Cache;
  logger: Logger;
  relay: OutboxRelay;
  /** A tenant transaction; events written to the outbox inside it leave as soon as it commits. */
  transaction<T>(tenantId: string, fn: (sql: Sql) => Promise<T>): Promise<T>;
}

export interface ServiceDefinition {
  name: string;
  /** Folder of numbered SQL migrations for the service's schema (named after the service). */
  migrationsDir: string;
  /**
   * 'tenant-context': /v1 routes require the gateway's signed context (every service but the gateway).
   * 'none': the service authenticates callers itself (the gateway).
   */
  auth: 'tenant-context' | 'none';
  routes?(app: FastifyInstance, ctx: ServiceContext): void | Promise<void>;
  handlers?(ctx: ServiceContext): EventHandler[];
}

export interface ServiceDeps {
  driver: SqlDriver;
  bus: EventBus;
  cache: Cache;
  logger: Logger;
  internalSecret: string;
  /** How long outbox and inbox rows are kept; defaults when absent. */
  retention?: RetentionSettings;
}

export interface RunningService {
  name: string;
  app: FastifyInstance;
  ctx: ServiceContext;
  /** Base URL once listening. */
  url: string;
  close(): Promise<void>;
}

/** Migrates, starts the outbox relay and consumers, and serves HTTP on host:port (0 = any free port). */
export async function startService(
  def: ServiceDefinition,
  deps: ServiceDeps,
  listen: { host: string; port: number },
): Promise<RunningService> {
  // A service in its own process logs with its name already; pino would repeat a repeated key.
  const logger = deps.logger.bindings().service === def.name ? deps.logger : deps.logger.child({ service: def.name });
  const db = new Database(deps.driver, def.name);
  await migrate(db, def.migrationsDir);
  const relay = new OutboxRelay(db, deps.bus, logger);
  const ctx: ServiceContext = {
    name: def.name,
    db,
    bus: deps.bus,
    cache: deps.cache,
    logger,
    relay,
    async transaction(tenantId, fn) {
      const result = await db.withTenant(tenantId, fn);
      relay.nudge();
      return result;
    },
  };

  const app = buildHttpApp({
    service: def.name,
    logger,
    ready: () => readyToServe(db),
  });
  watchDependencies(app, def.name, { db, bus: deps.bus, cache: deps.cache });
  scheduleRetention(app, db, logger, deps.retention);
  if (def.auth === 'tenant-context') {
    app.decorateRequest('tenant', null as never);
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/v1/')) return;
      request.tenant = verifyTenantContext(request.headers[TENANT_CONTEXT_HEADER] as string | undefined, deps.internalSecret);
    });
  }
  await def.routes?.(app, ctx);

  relay.start();
  const handlers = def.handlers?.(ctx) ?? [];
  let subscription: Subscription | undefined;
  if (handlers.length > 0) {
    subscription = await startConsumer({ name: def.name, db, bus: deps.bus, logger, handlers, afterCommit: () => relay.nudge() });
  }
  const address = await app.listen({ host: listen.host, port: listen.port });

  let closing: Promise<void> | undefined;
  return {
    name: def.name,
    app,
    ctx,
    url: address.replace('[::1]', '127.0.0.1'),
    close() {
      closing ??= (async () => {
        await app.close();
        await subscription?.close();
        await relay.stop();
      })();
      return closing;
    },
  };
}

/** Route guard: only a tenant admin may go on. */
export function requireAdmin(request: FastifyRequest): TenantContext {
  if (request.tenant.role !== 'admin') throw forbidden('tenant admins only');
  return request.tenant;
}
