import { diag, DiagLogLevel, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs with the service name (a string) or other fields on every line (e.g. the all-in-one
 * process, whose services add their own name), the trace and span ids of the active span, and
 * secrets and personal fields redacted wherever they appear.
 */
export function createLogger(base: string | Record<string, string>, level = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: typeof base === 'string' ? { service: base } : base,
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { traceId: span.traceId, spanId: span.spanId } : {};
    },
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

/**
 * OpenTelemetry's own diagnostics and Node's process warnings go to the process's logger, so the
 * output is JSON lines only (processes start with --no-warnings, which leaves the event).
 */
export function routeDiagnosticsTo(logger: Logger): void {
  process.on('warning', (warning) => logger.warn({ warning: { name: warning.name, message: warning.message } }, 'process warning'));
  const child = logger.child({ component: 'opentelemetry' });
  diag.setLogger({
    error: (message, ...args) => child.error({ args }, message),
    warn: (message, ...args) => child.warn({ args }, message),
    info: (message, ...args) => child.info({ args }, message),
    debug: (message, ...args) => child.debug({ args }, message),
    verbose: (message, ...args) => child.trace({ args }, message),
  }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
