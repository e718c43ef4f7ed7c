/**
 * Static checks of the observability and compose files (no Docker engine needed):
 * - docker-compose.yml parses; one image, built once, runs every Tandem container; only the
 *   gateway gets the operator key; Prometheus, Grafana and Jaeger are there, and every file
 *   they mount exists.
 * - The Grafana dashboard parses and is provisioned from where compose mounts it.
 * - Every metric the alert rules and the dashboard query is one the code defines (a renamed
 *   metric must not leave a silent alert or an empty panel behind), and every alert has its
 *   section in docs/runbook.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const problems: string[] = [];

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: (string | { source: string })[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const tandem = Object.entries(compose.services).filter(([, s]) => s.environment?.SERVICE);
const images = new Set(tandem.map(([, s]) => s.image));
const builds = Object.entries(compose.services).filter(([, s]) => s.build).map(([name]) => name);
if (tandem.length < 8) problems.push(`compose: ${tandem.length} Tandem containers, expected the six services and two jobs`);
if (images.size !== 1 || ![...images][0]?.startsWith('tandem:')) problems.push(`compose: Tandem containers run ${[...images].join(', ')}, expected one tandem image`);
if (builds.length !== 1) problems.push(`compose: ${builds.length} services build an image (${builds.join(', ')}), expected exactly one`);
for (const [name, s] of tandem) {
  if (s.environment?.TANDEM_OPERATOR_KEY && name !== 'gateway') problems.push(`compose: ${name} gets the operator key`);
}
for (const needed of ['prometheus', 'grafana', 'jaeger', 'postgres', 'kafka', 'redis']) {
  if (!compose.services[needed]) problems.push(`compose: no ${needed}`);
}
for (const [name, s] of Object.entries(compose.services)) {
  for (const volume of s.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0]! : volume.source;
    if (source.startsWith('./') && !existsSync(join(root, source))) problems.push(`compose: ${name} mounts ${source}, which does not exist`);
  }
}

const dashboards = readdirSync(join(root, 'infra/grafana/dashboards')).filter((f) => f.endsWith('.json'));
const queries: string[] = [];
for (const file of dashboards) {
  const dashboard = JSON.parse(read(`infra/grafana/dashboards/${file}`)) as { uid?: string; panels?: { targets?: { expr: string }[] }[] };
  if (!dashboard.uid || !dashboard.panels?.length) problems.push(`grafana: ${file} has no uid or no panels`);
  for (const panel of dashboard.panels ?? []) for (const target of panel.targets ?? []) queries.push(target.expr);
}
const provider = parse(read('infra/grafana/provisioning/dashboards/tandem.yml')) as { providers: { options: { path: string } }[] };
const mounted = compose.services.grafana?.volumes?.some((v) => typeof v === 'string' && v.includes(`:${provider.providers[0]!.options.path}`));
if (!mounted) problems.push('grafana: the provisioned dashboard folder is not where compose mounts the dashboards');

const rules = parse(read('infra/prometheus/rules/tandem.yml')) as { groups: { rules: { expr: string; record?: string }[] }[] };
const recorded = new Set(rules.groups.flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))));
queries.push(...rules.groups.flatMap((g) => g.rules.map((r) => r.expr)));
// What the code names: our instruments, the runtime gauges and the views over OpenTelemetry's own.
const code = ['metrics.ts', 'runtime-metrics.ts', 'telemetry.ts'].map((f) => read(`packages/platform/src/${f}`)).join('\n');
const metric = /\b(?:tandem|http_server|http_client|nodejs|process|messaging|db_client)_[a-z_]+\b/g;
for (const query of queries) {
  // Label names (in by (...) and {...}) and recording rules (a:b:c) are not metrics.
  const names = query.replace(/\b(by|without)\s*\([^)]*\)/g, '').replace(/\{[^}]*\}/g, '').replace(/[a-z_]*:[a-z0-9_:]+/g, '');
  for (const name of names.match(metric) ?? []) {
    const base = name.replace(/_(bucket|count|sum|total)$/, '');
    if (!recorded.has(name) && !code.includes(`'${base}'`)) problems.push(`metric ${name} (in "${query.slice(0, 60)}…") is not defined in packages/platform/src`);
  }
}

// Every alert has its section in the runbook, which its annotation links to.
const runbook = read('docs/runbook.md');
for (const rule of rules.groups.flatMap((g) => g.rules as { alert?: string; annotations?: { runbook?: string } }[])) {
  if (!rule.alert) continue;
  if (!runbook.includes(`\n## ${rule.alert}\n`)) problems.push(`runbook: no section for ${rule.alert}`);
  if (rule.annotations?.runbook !== `docs/runbook.md#${rule.alert.toLowerCase()}`) problems.push(`rules: ${rule.alert} does not link its runbook section`);
}

if (problems.length > 0) {
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log(`compose: ${Object.keys(compose.services).length} containers, one tandem image built once; grafana: ${dashboards.length} dashboard(s), ${queries.length} queries and rules over defined metrics`);
