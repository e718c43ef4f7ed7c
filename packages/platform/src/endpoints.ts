import {
  defaultStatus, endpointList, routePath, type AnyEndpoint, type BodyOf, type ParamsOf, type QueryOf, type RolesOf,
} from '@tandem/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from './db';
import { AppError, badRequest, forbidden, parseInput } from './errors';
import { keepAnswer, keptAnswer, requestMarked, withRequestKey } from './request-marks';
import type { TenantContext } from './tenant-context';

/** Who is calling: the operator, or a key of a tenant (as the gateway established it). */
export type OperatorCaller = { role: 'operator' };
export type Caller = OperatorCaller | TenantContext;

/** The caller type an endpoint's roles allow, so handlers of tenant-only endpoints get a tenant. */
export type CallerOf<E> = [RolesOf<E>] extends ['public'] ? undefined
  : [RolesOf<E>] extends ['operator'] ? OperatorCaller
    : 'operator' extends RolesOf<E> ? Caller : TenantContext;

export interface HandlerInput<E> {
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  caller: CallerOf<E>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** Answers the body to send with the endpoint's usual status, or the reply itself once it set another. */
export type Handler<E> = (input: HandlerInput<E>) => Promise<unknown>;

/** How a process establishes the caller of a request (the gateway: API keys; services: the signed context). */
export type Authenticate = (request: FastifyRequest, reply: FastifyReply, endpoint: AnyEndpoint) => Promise<Caller | undefined>;

declare module 'fastify' {
  interface FastifyInstance {
    tandemEndpoints: { authenticate: Authenticate; implemented: Set<string>; db: Database };
  }
  interface FastifyRequest {
    caller?: Caller;
  }
}

/** Called once per app before routes are registered. */
export function useEndpoints(app: FastifyInstance, authenticate: Authenticate, db: Database): void {
  app.decorate('tandemEndpoints', { authenticate, implemented: new Set<string>(), db });
  app.decorateRequest('caller', undefined);
}

/**
 * Registers the handler of one declared endpoint: authentication and the role check are attached
 * to the route itself (so no request form can skip them), and params, query and body are parsed
 * with the endpoint's schemas before the handler runs (a 400 naming each bad field).
 */
export function implement<E extends AnyEndpoint>(app: FastifyInstance, endpoint: E, handler: Handler<E>): void {
  const { implemented, db } = app.tandemEndpoints;
  implemented.add(endpoint.operationId);
  app.route({
    method: endpoint.method,
    url: routePath(endpoint.path),
    onRequest: authenticateFor(app, endpoint),
    // A keyed request that wrote something keeps its answer beside its mark (request-marks.ts).
    onSend: async (request, reply, payload) => {
      const caller = request.caller;
      if (!requestMarked() || !caller || caller.role === 'operator' || !caller.idempotency || reply.statusCode >= 500) return payload;
      const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : Buffer.alloc(0);
      const contentType = reply.getHeader('content-type');
      await keepAnswer(db, caller.tenantId, caller.idempotency.key, {
        status: reply.statusCode, contentType: typeof contentType === 'string' ? contentType : null, body,
      });
      return payload;
    },
    handler: async (request, reply) => {
      const caller = request.caller;
      const keyed = caller && caller.role !== 'operator' ? caller.idempotency && { tenantId: caller.tenantId, ...caller.idempotency } : undefined;
      if (keyed) {
        const kept = await keptAnswer(db, keyed.tenantId, keyed);
        if (kept) {
          if (kept.contentType) void reply.type(kept.contentType);
          return reply.code(kept.status).send(kept.body.length > 0 ? kept.body : undefined);
        }
        return withRequestKey(keyed.tenantId, keyed, () => run(request, reply));
      }
      return run(request, reply);
    },
  });

  const run = async (request: FastifyRequest, reply: FastifyReply) => {
    const input = {
      params: endpoint.params ? parseInput(endpoint.params, request.params, 'params') : undefined,
      query: parseInput(endpoint.query ?? noQuery, request.query ?? {}, 'query'),
      body: parseBody(endpoint, request.body, request.headers['content-type']),
      caller: request.caller,
      request,
      reply,
    } as unknown as HandlerInput<E>;
    reply.code(defaultStatus(endpoint));
    const result = await handler(input);
    // A handler that sent the answer itself (another status, headers) is done; a reply is thenable, so ask it.
    if (reply.sent) return reply;
    return reply.send(result ?? undefined);
  };
}

/** The route hook that establishes the caller and checks the endpoint's roles before anything else runs. */
export const authenticateFor = (app: FastifyInstance, endpoint: AnyEndpoint) => async (request: FastifyRequest, reply: FastifyReply) => {
  request.caller = await app.tandemEndpoints.authenticate(request, reply, endpoint);
  assertRole(endpoint, request.caller);
};

/** Routes with no query parameters refuse any, like unknown body fields. */
const noQuery = z.strictObject({});

function parseBody(endpoint: AnyEndpoint, body: unknown, contentType: string | undefined): unknown {
  if (body !== undefined && endpoint.body) {
    const type = contentType?.split(';')[0]!.trim().toLowerCase();
    const accepted = endpoint.bodyTypes ?? ['application/json'];
    if (!type || !(accepted as readonly string[]).includes(type)) {
      throw new AppError(415, 'unsupported-media-type', `this endpoint takes ${accepted.join(' or ')}`);
    }
  }
  if (!endpoint.body) {
    const empty = body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
    if (!empty) throw badRequest('invalid body', [{ path: '(root)', message: 'this endpoint takes no body' }]);
    return undefined;
  }
  if (body === undefined) {
    if (endpoint.bodyRequired !== false) throw badRequest('invalid body', [{ path: '(root)', message: 'a JSON body is required' }]);
    return parseInput(endpoint.body, {});
  }
  return parseInput(endpoint.body, body);
}

/** A caller whose role the endpoint does not list gets 403 (or 401 with no key on a keyed endpoint). */
export function assertRole(endpoint: AnyEndpoint, caller: Caller | undefined): void {
  if (endpoint.roles.includes('public')) return;
  if (!caller) throw forbidden('this endpoint needs an API key');
  if (!(endpoint.roles as readonly string[]).includes(caller.role)) {
    throw forbidden(caller.role === 'operator'
      ? 'operator keys manage tenants, not their data'
      : `this endpoint is for ${endpoint.roles.join(' or ')} keys`);
  }
}

/** Start-up check: every endpoint the registry gives this service has a handler. */
export function assertAllImplemented(app: FastifyInstance, service: string): void {
  const missing = endpointList.filter((e) => e.service === service && !app.tandemEndpoints.implemented.has(e.operationId));
  if (missing.length > 0) {
    throw new Error(`${service} has no handler for ${missing.map((e) => `${e.method} ${e.path} (${e.operationId})`).join(', ')}`);
  }
}
