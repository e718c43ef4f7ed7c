import { readFileSync } from 'node:fs';
import { analyticsService } from '@tandem/analytics';
import { enrollmentService } from '@tandem/enrollment';
import { gatewayService } from '@tandem/gateway';
import { matchingService } from '@tandem/matching';
import { kafkaSecurityEnv, serviceProcessEnv, type ServiceDefinition } from '@tandem/platform';
import { schedulingService } from '@tandem/scheduling';
import { surveysService } from '@tandem/surveys';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { allInOneEnv } from './env';

/**
 * Variables read outside the processes' schemas: by the tests and the engine's scripts, by the
 * OpenTelemetry SDK itself, and by the migration and topic Jobs' own entry points.
 */
const outsideSchemas = [
  'TEST_DATABASE_URL', 'TEST_REDIS_URL', 'TANDEM_MATCHING_DATA',
  'OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_ZIPKIN_ENDPOINT',
  'KAFKA_TOPIC_PARTITIONS', 'KAFKA_TOPIC_REPLICATION_FACTOR', 'KAFKA_TOPIC_MIN_INSYNC_REPLICAS', 'TANDEM_RUNTIME_ROLE_SUFFIX',
];

function documented(): Set<string> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
  const names = new Set<string>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    for (const m of line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(m[1]!);
  }
  return names;
}

describe('the README configuration table', () => {
  it('names exactly the variables the processes parse, and every service reads its own the same way in every mode', () => {
    const services: ServiceDefinition<unknown>[] = [
      gatewayService, enrollmentService, matchingService, schedulingService, surveysService, analyticsService,
    ] as ServiceDefinition<unknown>[];
    const parsed = new Set<string>([
      ...Object.keys(serviceProcessEnv(8080).shape),
      ...Object.keys(allInOneEnv.shape),
      ...Object.keys(kafkaSecurityEnv.shape),
      ...services.flatMap((s) => Object.keys((s.config as unknown as z.ZodObject).shape)),
      ...outsideSchemas,
    ]);
    const table = documented();
    expect([...parsed].filter((v) => !table.has(v)).sort(), 'parsed but not in the table').toEqual([]);
    expect([...table].filter((v) => !parsed.has(v)).sort(), 'in the table but parsed by nobody').toEqual([]);
  });
});
