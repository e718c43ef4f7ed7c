import { analyticsService } from '@tandem/analytics';
import { enrollmentService } from '@tandem/enrollment';
import { gatewayService } from '@tandem/gateway';
import { matchingService } from '@tandem/matching';
import { startService, type RunningService, type ServiceDefinition, type ServiceDeps } from '@tandem/platform';
import { schedulingService } from '@tandem/scheduling';
import { surveysService } from '@tandem/surveys';

export interface PlatformOptions {
  deps: ServiceDeps;
  operatorKey: string;
  host: string;
  port: number;
  /** Where every service reads its own variables (default: this process's environment). */
  env?: NodeJS.ProcessEnv;
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
  const env = options.env ?? process.env;
  const internal = { host: '127.0.0.1', port: 0 };
  const services: RunningService[] = [];
  try {
    for (const def of [enrollmentService, matchingService, schedulingService, surveysService, analyticsService]) {
      services.push(await startService(def as ServiceDefinition<unknown>, options.deps, internal, env));
    }
  } catch (error) {
    for (const s of services.reverse()) await s.close();
    throw error;
  }
  const url = (name: string) => services.find((s) => s.name === name)!.url;
  // The gateway reads its variables like everywhere else; the upstreams are this process's own ports.
  const gateway = await startService(gatewayService, options.deps, { host: options.host, port: options.port }, {
    ...env,
    TANDEM_OPERATOR_KEY: options.operatorKey,
    ENROLLMENT_URL: url('enrollment'), MATCHING_URL: url('matching'), SCHEDULING_URL: url('scheduling'),
    SURVEYS_URL: url('surveys'), ANALYTICS_URL: url('analytics'),
  });
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
