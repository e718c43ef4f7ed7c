import type { ServiceName } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { EventBus, Subscription } from './bus/port';
import type { Cache } from './cache';
import { startConsumer, type EventHandler } from './consumer';
import { loadConfig } from './config';
import { Database, migrate, type Sql, type SqlDriver } from './db';
import { assertAllImplemented, useEndpoints, type Authenticate } from './endpoints';
import { buildHttpApp } from './http';
import type { Logger } from './logger';
import { OutboxRelay } from './outbox';
import { readyToServe, watchDependencies } from './readiness';
import { markRequest } from './request-marks';
import { scheduleRetention, type RetentionSettings } from './retention';
import { TENANT_CONTEXT_HEADER, verifyTenantContext } from './tenant-context';

/** What a service gets to do its work: its configuration, its own schema, the bus, the cache and a logger. */
export interface ServiceContext<C = unknown> {
  name: string;
  config: C;
  db: Database;
  bus: EventBus;
  cache: Cache;
  logger: Logger;
  relay: OutboxRelay;
  /** Signs the tenant context the gateway passes to services (and services verify). */
  internalSecret: string;
  /** A tenant transaction; events written to the outbox inside it leave as soon as it commits. */
  transaction<T>(tenantId: string, fn: (sql: Sql) => Promise<T>): Promise<T>;
}

export interface ServiceDefinition<C = unknown> {
  /** A service of the registry's (ServiceName), or a test's own. */
  name: ServiceName | (string & {});
  /** Folder of numbered SQL migrations for the service's schema (named after the service). */
  migrationsDir: string;
  /**
   * The service's own variables (DESIGN.md §11), parsed from the environment wherever it runs:
   * in its own process and in the all-in-one one alike. A bad value stops it with the variable's name.
   */
  config: z.ZodType<C>;
  /** How callers are established; default: the gateway's signed tenant context. */
  authenticate?(ctx: ServiceContext<C>): Authenticate;
  /** Registers a handler (`implement`) for every endpoint the registry gives this service. */
  routes?(app: FastifyInstance, ctx: ServiceContext<C>): void | Promise<void>;
  handlers?(ctx: ServiceContext<C>): EventHandler[];
}

export interface ServiceDeps {
  driver: SqlDriver;
  bus: EventBus;
  cache: Cache;
  logger: Logger;
  internalSecret: string;
  /** False where a migration Job migrates the schemas before services roll out. Default true. */
  migrateOnStart?: boolean;
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
export async function startService<C>(
  def: ServiceDefinition<C>,
  deps: ServiceDeps,
  listen: { host: string; port: number },
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const config = loadConfig(def.config, env);
  // A service in its own process logs with its name already; pino would repeat a repeated key.
  const logger = deps.logger.bindings().service === def.name ? deps.logger : deps.logger.child({ service: def.name });
  const db = new Database(deps.driver, def.name);
  if (deps.migrateOnStart !== false) await migrate(db, def.migrationsDir);
  const relay = new OutboxRelay(db, deps.bus, logger);
  const ctx: ServiceContext<C> = {
    name: def.name,
    config,
    db,
    bus: deps.bus,
    cache: deps.cache,
    logger,
    relay,
    internalSecret: deps.internalSecret,
    async transaction(tenantId, fn) {
      const result = await db.withTenant(tenantId, async (sql) => {
        await markRequest(sql, tenantId);
        return fn(sql);
      });
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
  useEndpoints(app, def.authenticate?.(ctx) ?? tenantContextOf(deps.internalSecret), db);
  await def.routes?.(app, ctx);
  assertAllImplemented(app, def.name);

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

/** Services behind the gateway: the caller is the signed context it passes (public endpoints have none). */
const tenantContextOf = (secret: string): Authenticate => async (request, _reply, endpoint) => {
  const header = request.headers[TENANT_CONTEXT_HEADER] as string | undefined;
  if (endpoint.roles.includes('public') && !header) return undefined;
  return verifyTenantContext(header, secret);
};
