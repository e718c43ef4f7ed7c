import { endpointList, openApiDocument, type AnyEndpoint } from '@tandem/contracts';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

/**
 * Checks answers against the OpenAPI document the gateway serves: the schema of the route and
 * status, or Problem for every error. Every request the system tests make goes through it, and
 * each test file ends by asserting that nothing mismatched.
 */
const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'tandem-openapi', components: document.components });

const compiled = endpointList.map((e) => ({ endpoint: e, pattern: new RegExp(`^${e.path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
const validators = new Map<string, ValidateFunction>();

function validatorFor(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    const withRefs = JSON.parse(key.replaceAll('"#/components/', '"tandem-openapi#/components/'));
    v = ajv.compile(withRefs);
    validators.set(key, v);
  }
  return v;
}

export interface Mismatch { method: string; path: string; status: number; problem: string }
export const contractReport = { checked: 0, mismatches: [] as Mismatch[] };

/** The endpoint a request went to, if the registry has one. */
export function endpointFor(method: string, path: string): AnyEndpoint | undefined {
  const bare = path.split('?')[0]!;
  return compiled.find((c) => c.endpoint.method === method && c.pattern.test(bare))?.endpoint;
}

export function checkAnswer(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
  const endpoint = endpointFor(method, path);
  if (!endpoint) {
    // Outside the API (unknown routes, probes): errors are still problems.
    if (status >= 400) check(method, path, status, problemOk(contentType, body));
    return;
  }
  const operation = (document.paths[endpoint.path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>)[
    endpoint.method.toLowerCase()
  ]!;
  const declared = operation.responses[String(status)] ?? (status >= 500 ? operation.responses['5XX'] : undefined);
  if (!declared) return check(method, path, status, `status ${status} is not in the document`);
  if (status >= 400) return check(method, path, status, problemOk(contentType, body));
  const media = declared.content ? Object.keys(declared.content)[0]! : undefined;
  if (!media) return check(method, path, status, body === undefined ? undefined : 'a body where the document declares none');
  if (!contentType?.startsWith(media)) return check(method, path, status, `content type ${contentType}, not ${media}`);
  const validate = validatorFor(declared.content![media]!.schema);
  check(method, path, status, validate(body) ? undefined : ajv.errorsText(validate.errors));
}

function problemOk(contentType: string | null, body: unknown): string | undefined {
  if (!contentType?.startsWith('application/problem+json')) return `an error answered as ${contentType}`;
  const validate = validatorFor({ $ref: '#/components/schemas/Problem' });
  return validate(body) ? undefined : `not a problem: ${ajv.errorsText(validate.errors)}`;
}

function check(method: string, path: string, status: number, problem: string | undefined): void {
  contractReport.checked += 1;
  if (problem) contractReport.mismatches.push({ method, path: path.split('?')[0]!, status, problem });
}

/** The last test of a system test file: every answer it got matched the document. */
export function contractCheck(mode: string): void {
  describe(`OpenAPI contract (${mode})`, () => {
    it('every answer of this file matched the document’s schema for its route and status', () => {
      console.log(`contract (${mode}): ${contractReport.checked} answers checked, ${contractReport.mismatches.length} mismatches`);
      expect(contractReport.checked).toBeGreaterThan(100);
      expect(contractReport.mismatches.slice(0, 20)).toEqual([]);
    });
  });
}
