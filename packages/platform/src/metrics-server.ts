import { createServer, type Server } from 'node:http';
import type { Logger } from './logger';
import { prometheusMetrics } from './telemetry';

/**
 * GET /metrics on a port of its own (METRICS_PORT), never on a public one: the text names every
 * route and tenant-independent counts that only the deployment's Prometheus should read.
 */
export async function startMetricsServer(host: string, port: number, logger: Logger): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    prometheusMetrics().then(
      (text) => response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics could not be collected');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`,
    close: () => (closing ??= new Promise((resolve) => server.close(() => resolve()))),
  };
}
