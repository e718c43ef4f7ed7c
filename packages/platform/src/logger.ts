import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs with the service name; secrets and personal fields are redacted wherever they appear. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-tandem-context"]',
        '*.apiKey', '*.adminApiKey', '*.key', '*.password', '*.email',
      ],
      censor: '[redacted]',
    },
  });
}
