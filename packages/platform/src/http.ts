import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { AppError } from './errors';
import type { Logger } from './logger';
import { recordHttpRequest } from './metrics';
import { prometheusMetrics, tracer } from './telemetry';
import { isTransient } from './transient';

declare module 'fastify' {
  interface FastifyRequest {
    span?: Span;
  }
}

export interface HttpAppOptions {
  service: string;
  logger: Logger;
  /** Throws when a dependency is unreachable; /ready answers 503 with the reason. */
  ready: () => Promise<void>;
  bodyLimit?: number;
}

/**
 * A fastify instance with what every service shares: problem+json errors, /health and /ready,
 * and a server span per request that continues the caller's trace (so spans written while
 * handling the request, and the events it emits, join the caller's trace).
 */
export function buildHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Per-request lines would drown the logs at our request rates; errors are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    return503OnClosing: true,
  });

  // JSON bodies; an empty body (a bare POST /open with a JSON content type) means no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError(400, 'malformed-json', 'request body is not valid JSON'), undefined);
    }
  });

  app.addHook('onRequest', async (request) => {
    const parent = propagation.extract(context.active(), request.headers);
    request.span = tracer().startSpan(
      `${request.method} ${request.routeOptions.url ?? request.url}`,
      { kind: SpanKind.SERVER, attributes: { 'tandem.service': options.service, 'http.request.method': request.method } },
      parent,
    );
  });
  // Handlers run inside the request span. preHandler comes after body parsing, whose stream
  // callbacks would otherwise lose the async context.
  app.addHook('preHandler', (request, _reply, done) => {
    if (!request.span) return done();
    context.with(trace.setSpan(context.active(), request.span), done);
  });
  app.addHook('onResponse', async (request, reply) => {
    recordHttpRequest(options.service, request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    request.span?.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) request.span?.setStatus({ code: SpanStatusCode.ERROR });
    request.span?.end();
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toAppError(error, request).toProblem();
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = new AppError(404, 'no-route', `no route for ${request.method} ${request.url.split('?')[0]}`).toProblem();
    void reply.status(404).type('application/problem+json').send(problem);
  });

  app.get('/health', async () => ({ status: 'ok', service: options.service }));
  // For Prometheus inside the deployment; route only /v1 from outside (the gateway's included).
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(await prometheusMetrics()));
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

/** Maps what fastify itself throws (bad JSON, wrong content type, body too large) to our one error type. */
function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.code === '23505') return new AppError(409, 'conflict', 'a resource with these unique fields exists already');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.statusCode, (e.code ?? 'bad-request').toLowerCase(), e.message ?? 'bad request');
  }
  // The database away, a connection cut, a serialization failure: the same request can succeed later.
  if (isTransient(error)) return new AppError(503, 'unavailable', 'a server this request needs is unavailable; retry later');
  request.log.error({ err: error }, 'unexpected error');
  return new AppError(500, 'internal', 'unexpected error; it has been logged');
}
