import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs with the service name (a string) or other fields on every line (e.g. the all-in-one
 * process, whose services add their own name); secrets and personal fields are redacted wherever
 * they appear.
 */
export function createLogger(base: string | Record<string, string>, level = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: typeof base === 'string' ? { service: base } : base,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-tandem-context"]',
        '*.apiKey', '*.adminApiKey', '*.key', '*.password', '*.email',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
