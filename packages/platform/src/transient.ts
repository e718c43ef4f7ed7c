/**
 * Failures that pass by themselves: the database or broker is restarting or unreachable, a
 * connection was cut, a transaction lost a serialization race or a deadlock, something timed out,
 * or a fact the work needs has not arrived yet. Retrying them (for as long as it takes) is right;
 * anything else is a bug or bad data, and retrying it only delays the dead letter.
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/**
 * Thrown by an event handler that needs a fact another event brings (e.g. a program it has not
 * heard of yet): the consumer retries it, holding the partition, until that event has arrived.
 * Prefer carrying the fact in the event or parking the work; this is for what cannot wait parked.
 */
export class NotYetKnown extends TransientError {
  constructor(what: string) {
    super(`${what} is not known yet`);
    this.name = 'NotYetKnown';
  }
}

/** SQLSTATEs of failures that go away: PostgreSQL's own list of retryable conditions. */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
]);

/** Socket-level failures of Node (and the drivers on top of it). */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * What pg and ioredis say, without a code, when a connection goes away or cannot be had in time
 * (pg-pool: "timeout exceeded when trying to connect"; pg: "Connection terminated unexpectedly",
 * "… due to connection timeout", "Client has encountered a connection error and is not queryable";
 * ioredis: "Connection is closed.", "Command timed out", "Stream isn't writeable …").
 */
const TRANSIENT_MESSAGES =
  /connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|connection is closed|command timed out|stream isn't writeable|socket closed unexpectedly/i;

const MAX_DEPTH = 5;

/** Whether `error` (or what caused it) is a failure that passes by itself. */
export function isTransient(error: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || error === null || typeof error !== 'object') return false;
  if (error instanceof TransientError) return true;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; retriable?: unknown };
  if (typeof e.code === 'string') {
    if (e.code.startsWith('08') && e.code.length === 5) return true; // connection_exception class
    if (TRANSIENT_SQLSTATES.has(e.code) || TRANSIENT_SOCKET_CODES.has(e.code)) return true;
  }
  if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return true;
  // kafkajs marks what it would retry itself (broker away, leader moving).
  if (e.retriable === true) return true;
  if (e.cause !== undefined && isTransient(e.cause, depth + 1)) return true;
  // AggregateError (e.g. a connect that tried IPv4 and IPv6): transient if any part is.
  return Array.isArray(e.errors) && e.errors.some((inner) => isTransient(inner, depth + 1));
}
