import { describe, expect, it } from 'vitest';
import { kafkaSecurityEnv, kafkaSecurityFromEnv, kafkaSecurityOptions } from './kafka-security';

const files: Record<string, string> = { '/ca.pem': 'CA', '/client.pem': 'CERT', '/client.key': 'KEY' };
const build = (env: NodeJS.ProcessEnv) => kafkaSecurityOptions(kafkaSecurityEnv.parse(env), (path) => files[path]!);

describe('Kafka TLS and SASL from the environment', () => {
  it('is plaintext without authentication when nothing is set (the local broker)', () => {
    expect(build({})).toEqual({});
  });

  it('takes TLS with the cluster CA and SCRAM-SHA-512 credentials (a Strimzi listener)', () => {
    expect(build({
      KAFKA_SSL_CA_FILE: '/ca.pem', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'matching', KAFKA_SASL_PASSWORD: 's3cret',
    })).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['CA'] },
      sasl: { mechanism: 'scram-sha-512', username: 'matching', password: 's3cret' },
    });
  });

  it('takes TLS with the system CAs and SASL PLAIN or SCRAM-SHA-256 (managed Kafka)', () => {
    expect(build({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'key', KAFKA_SASL_PASSWORD: 'secret' })).toEqual({
      ssl: { rejectUnauthorized: true },
      sasl: { mechanism: 'plain', username: 'key', password: 'secret' },
    });
    expect(build({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).sasl)
      .toEqual({ mechanism: 'scram-sha-256', username: 'u', password: 'p' });
  });

  it('takes a client certificate for mutual TLS', () => {
    expect(build({ KAFKA_SSL_CERT_FILE: '/client.pem', KAFKA_SSL_KEY_FILE: '/client.key', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' })).toEqual({
      ssl: { rejectUnauthorized: false, cert: 'CERT', key: 'KEY' },
    });
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' })).toThrow(/KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-512/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toThrow(/KAFKA_SASL_MECHANISM: required/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SSL_CERT_FILE: '/client.pem' })).toThrow(/KAFKA_SSL_KEY_FILE: client certificate and key go together/);
    expect(() => kafkaSecurityFromEnv({ KAFKA_SSL: 'yes' })).toThrow(/KAFKA_SSL/);
  });
});
