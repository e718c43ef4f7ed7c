import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import Fastify, {
  LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest,
} from 'fastify';
import type { Socket } from 'node:net';
import { AppError } from './errors';
import type { Logger } from './logger';
import { recordHttpRequest } from './metrics';
import { tracer } from './telemetry';
import { isTransient } from './transient';

declare module 'fastify' {
  interface FastifyRequest {
    span?: Span;
    /** The body as it came (JSON or CSV text): what the gateway forwards, byte for byte. */
    rawBody?: string;
  }
}

/** Probes and scrapes: answered without a span or a log line, which they would drown. */
const UNTRACED = new Set(['/health', '/ready', '/metrics']);

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  /** Throws when this process cannot serve its requests; /ready answers 503 with the reason. */
  ready: () => Promise<void>;
  bodyLimit?: number;
}

/** Deepest JSON nesting a body may have: ours need a handful of levels; deeper is an attack or a bug. */
export const MAX_JSON_DEPTH = 32;

/**
 * A fastify instance with what every process shares: problem+json for every error (the
 * framework's and the HTTP parser's too), /health and /ready, a server span per request that
 * continues the caller's trace and is named in the `traceparent` answer header, and one log line
 * per request.
 */
export function buildHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // One line per request is written in onResponse, with the route, tenant and key.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    return503OnClosing: true,
    frameworkErrors: (error, request, reply) => {
      const problem = toAppError(error, request as FastifyRequest).toProblem();
      void (reply as FastifyReply).code(problem.status).type('application/problem+json').send(problem);
    },
    clientErrorHandler: (error, socket) => writeRawProblem(error, socket),
  });

  // JSON and CSV bodies only (anything else is a 415); an empty JSON body (a bare POST /open) means no body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    request.rawBody = text;
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      return done(new AppError(400, 'too-deep', `request body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError(400, 'malformed-json', 'request body is not valid JSON'), undefined);
    }
  });
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    done(null, body);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (UNTRACED.has(request.routeOptions.url ?? '')) return;
    const parent = propagation.extract(context.active(), request.headers);
    request.span = tracer().startSpan(
      `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      { kind: SpanKind.SERVER, attributes: { 'tandem.service': options.service, 'http.request.method': request.method } },
      parent,
    );
    // The trace this request belongs to, so a client can quote it.
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), request.span), carrier);
    if (carrier.traceparent) void reply.header('traceparent', carrier.traceparent);
  });
  // Handlers run inside the request span. preHandler comes after body parsing, whose stream
  // callbacks would otherwise lose the async context.
  app.addHook('preHandler', (request, _reply, done) => {
    if (!request.span) return done();
    context.with(trace.setSpan(context.active(), request.span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!request.span) return;
    const route = request.routeOptions.url ?? 'unmatched';
    const caller = request.caller;
    const tenantId = caller && caller.role !== 'operator' ? caller.tenantId : undefined;
    recordHttpRequest(options.service, request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    request.span.setAttribute('http.route', route);
    request.span.setAttribute('http.response.status_code', reply.statusCode);
    if (tenantId) request.span.setAttribute('tenant.id', tenantId);
    if (reply.statusCode >= 500) request.span.setStatus({ code: SpanStatusCode.ERROR });
    // The line is written inside the span's context so it carries the trace and span ids.
    context.with(trace.setSpan(context.active(), request.span), () => {
      request.log.info({
        method: request.method, route, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...(caller ? { role: caller.role } : {}),
        ...(tenantId ? { tenantId } : {}),
        ...(caller && caller.role !== 'operator' ? { keyId: caller.keyId } : {}),
      }, 'request');
    });
    request.span.end();
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toAppError(error, request).toProblem();
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = new AppError(404, 'no-route', `no route for ${request.method} ${request.url.split('?')[0]}`).toProblem();
    void reply.status(404).type('application/problem+json').send(problem);
  });

  app.get('/health', async () => ({ status: 'ok', service: options.service }));
  app.get('/ready', async (_request, reply) => {
    try {
      await options.ready();
      return { status: 'ready', service: options.service };
    } catch (error) {
      return reply.status(503).type('application/problem+json').send(
        new AppError(503, 'not-ready', (error as Error).message).toProblem(),
      );
    }
  });
  return app;
}

/** Our problem types for the framework's own 4xx answers (never fastify's internal codes). */
const frameworkTypes: Record<number, string> = {
  400: 'bad-request', 404: 'no-route', 405: 'method-not-allowed', 406: 'not-acceptable', 408: 'request-timeout',
  413: 'body-too-large', 414: 'uri-too-long', 415: 'unsupported-media-type', 431: 'headers-too-large',
};

/** Maps what fastify itself throws (bad JSON, wrong content type, body too large) to our one error type. */
function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const e = error as Partial<FastifyError>;
  if (e.code === '23505') return new AppError(409, 'conflict', 'a resource with these unique fields exists already');
  if (e.code === 'FST_ERR_MAX_PARAM_LENGTH') return new AppError(414, 'uri-too-long', 'a path segment is too long');
  if (e.code === 'FST_ERR_BAD_URL') return new AppError(400, 'bad-request', 'the URL is not valid');
  const status = e.statusCode ?? 0;
  if (status >= 400 && status < 500) {
    return new AppError(status, frameworkTypes[status] ?? 'bad-request', (e.message ?? 'bad request').replace(/^FST_\w+: /, ''));
  }
  // The database away, a connection cut, a serialization failure: the same request can succeed later.
  if (isTransient(error)) return new AppError(503, 'unavailable', 'a server this request needs is unavailable; retry later');
  request.log.error({ err: error }, 'unexpected error');
  return new AppError(500, 'internal', 'unexpected error; it has been logged');
}

/** Errors of the HTTP parser (e.g. Content-Length with Transfer-Encoding) happen before any request exists. */
function writeRawProblem(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(new AppError(status, frameworkTypes[status]!, 'the request could not be parsed as HTTP').toProblem());
  socket.end(
    `HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 431 ? 'Request Header Fields Too Large' : 'Request Timeout'}\r\n`
    + `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The deepest nesting of arrays and objects in JSON text, found without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return max;
}
