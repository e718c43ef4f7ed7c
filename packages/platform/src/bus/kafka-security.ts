import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { z } from 'zod';

const flag = (fallback: boolean) => z.enum(['true', 'false']).default(fallback ? 'true' : 'false').transform((v) => v === 'true');

/**
 * How the Kafka client authenticates and encrypts, from the environment: what a managed Kafka or
 * a Strimzi cluster asks for (TLS with the cluster's CA, SASL SCRAM or PLAIN). Nothing set means
 * plaintext without authentication, as with the local broker.
 */
export const kafkaSecurityEnv = z.object({
  /** TLS to the brokers. Implied by KAFKA_SSL_CA_FILE or a client certificate. */
  KAFKA_SSL: flag(false),
  /** PEM file of the CA that signed the brokers' certificates (default: the system's CAs). */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  /** PEM client certificate and key, for brokers that authenticate clients by TLS (mTLS). */
  KAFKA_SSL_CERT_FILE: z.string().min(1).optional(),
  KAFKA_SSL_KEY_FILE: z.string().min(1).optional(),
  /** Check the brokers' certificates and host names. Turn off only to debug. */
  KAFKA_SSL_REJECT_UNAUTHORIZED: flag(true),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
}).superRefine((env, ctx) => {
  if (env.KAFKA_SASL_MECHANISM) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `required with KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}` });
    }
  } else if (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_SASL_MECHANISM'], message: 'required with KAFKA_SASL_USERNAME/PASSWORD (plain, scram-sha-256 or scram-sha-512)' });
  }
  if (Boolean(env.KAFKA_SSL_CERT_FILE) !== Boolean(env.KAFKA_SSL_KEY_FILE)) {
    ctx.addIssue({ code: 'custom', path: [env.KAFKA_SSL_CERT_FILE ? 'KAFKA_SSL_KEY_FILE' : 'KAFKA_SSL_CERT_FILE'], message: 'client certificate and key go together' });
  }
});
export type KafkaSecurityEnv = z.infer<typeof kafkaSecurityEnv>;

/** The kafkajs ssl and sasl options for a parsed environment (reads the PEM files it names). */
export function kafkaSecurityOptions(
  env: KafkaSecurityEnv,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const options: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  const tlsFiles = env.KAFKA_SSL_CA_FILE || env.KAFKA_SSL_CERT_FILE;
  if (env.KAFKA_SSL || tlsFiles) {
    const ssl: ConnectionOptions = { rejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED };
    if (env.KAFKA_SSL_CA_FILE) ssl.ca = [read(env.KAFKA_SSL_CA_FILE)];
    if (env.KAFKA_SSL_CERT_FILE && env.KAFKA_SSL_KEY_FILE) {
      ssl.cert = read(env.KAFKA_SSL_CERT_FILE);
      ssl.key = read(env.KAFKA_SSL_KEY_FILE);
    }
    options.ssl = ssl;
  }
  if (env.KAFKA_SASL_MECHANISM) {
    options.sasl = {
      mechanism: env.KAFKA_SASL_MECHANISM,
      username: env.KAFKA_SASL_USERNAME!,
      password: env.KAFKA_SASL_PASSWORD!,
    } as SASLOptions;
  }
  return options;
}

/** Parses the environment and builds the options: the one call the Kafka adapter needs. */
export const kafkaSecurityFromEnv = (env: NodeJS.ProcessEnv = process.env) => {
  const parsed = kafkaSecurityEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return kafkaSecurityOptions(parsed.data);
};
