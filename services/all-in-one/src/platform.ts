import { analyticsService } from '@tandem/analytics';
import { enrollmentService } from '@tandem/enrollment';
import { gatewayService } from '@tandem/gateway';
import { matchingService } from '@tandem/matching';
import { startService, type RunningService, type ServiceDeps } from '@tandem/platform';
import { schedulingService } from '@tandem/scheduling';
import { surveysService } from '@tandem/surveys';

export interface PlatformOptions {
  deps: ServiceDeps;
  operatorKey: string;
  host: string;
  port: number;
  rateLimitPerMinute?: number;
}

export interface RunningPlatform {
  url: string;
  services: RunningService[];
  close(): Promise<void>;
}

/**
 * Every service in this one process, sharing one database (each in its own schema and role), one
 * bus and one cache. Services listen on loopback ports and the gateway reaches them over HTTP,
 * exactly as in a cluster.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const internal = { host: '127.0.0.1', port: 0 };
  const services: RunningService[] = [];
  for (const def of [enrollmentService, matchingService, schedulingService, surveysService, analyticsService]) {
    services.push(await startService(def, options.deps, internal));
  }
  const url = (name: string) => services.find((s) => s.name === name)!.url;
  const gateway = await startService(
    gatewayService({
      operatorKey: options.operatorKey,
      internalSecret: options.deps.internalSecret,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 6000,
      upstreams: {
        enrollment: url('enrollment'), matching: url('matching'), scheduling: url('scheduling'),
        surveys: url('surveys'), analytics: url('analytics'),
      },
    }),
    options.deps,
    { host: options.host, port: options.port },
  );
  services.push(gateway);
  let closing: Promise<void> | undefined;
  return {
    url: gateway.url,
    services,
    close() {
      closing ??= (async () => {
        for (const s of [...services].reverse()) await s.close();
      })();
      return closing;
    },
  };
}
