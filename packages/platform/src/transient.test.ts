import { describe, expect, it } from 'vitest';
import { isTransient, NotYetKnown, TransientError } from './transient';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isTransient', () => {
  it.each([
    ['a connection exception (class 08)', withCode('08006')],
    ['pg_terminate_backend / a fast shutdown', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', withCode('57P03', 'the database system is starting up')],
    ['too many connections', withCode('53300')],
    ['a serialization failure', withCode('40001')],
    ['a deadlock', withCode('40P01')],
    ['a statement timeout', withCode('57014')],
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a socket timeout', withCode('ETIMEDOUT')],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    ['ioredis: a command timeout', new Error('Command timed out')],
    ['a refused connect among several tries', new AggregateError([withCode('ECONNREFUSED')], 'connect failed')],
    ['a cause that is transient', new Error('publish failed', { cause: withCode('ECONNRESET') })],
    ['a kafkajs retriable error', Object.assign(new Error('leader not available'), { retriable: true })],
    ['the platform type', new TransientError('broker away')],
    ['a fact not known yet', new NotYetKnown('program 42')],
  ])('retries %s', (_what, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a check violation', withCode('23514')],
    ['a syntax error', withCode('42601')],
    ['a permission error', withCode('42501')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a non-error', 'connection terminated'],
    ['nothing', undefined],
  ])('does not retry %s for ever', (_what, error) => {
    expect(isTransient(error)).toBe(false);
  });
});
