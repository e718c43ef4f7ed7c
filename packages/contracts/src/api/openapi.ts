import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { problemSchema } from '../problem';
import type { AnyEndpoint } from './endpoint';
import { endpointList, tags } from './endpoints';

type JsonSchema = Record<string, unknown>;

/** Problems every keyed route can answer, besides the ones an endpoint lists. */
const commonErrors: Record<number, string> = {
  400: 'the request is not valid: `errors` names each bad field',
  401: 'no key, or an unknown or revoked one',
  403: 'this key may not call this endpoint',
  404: 'no such resource in this tenant',
  429: 'too many requests; retry after the `Retry-After` seconds',
};
const errorDescriptions: Record<number, string> = {
  409: 'the resource is not in a state that allows this, or a request with this Idempotency-Key is still running',
  414: 'the URL is too long',
  410: 'the link was used or has expired',
  413: 'the body is too large',
  415: 'the body is not in a media type this endpoint takes',
  422: 'the request is well-formed but cannot be carried out (or its Idempotency-Key was used for another request)',
};

/**
 * The OpenAPI 3.1 document of the public API, generated from the endpoint registry and the same
 * zod schemas that validate requests and describe answers (named ones become components).
 */
export function openApiDocument(endpoints: readonly AnyEndpoint[] = endpointList) {
  const components: Record<string, JsonSchema> = { Problem: clean(z.toJSONSchema(problemSchema)) };
  const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = hoistDefinitions(z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema, components, io);
    // A named schema (views carry `meta({ id })`) is a component of its own, referenced from every use.
    const id = z.globalRegistry.get(schema)?.id;
    if (!id) return json;
    const name = io === 'input' ? `${id}Input` : id;
    components[name] ??= json;
    return { $ref: `#/components/schemas/${name}` };
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    (paths[e.path] ??= {})[e.method.toLowerCase()] = operation(e, schemaOf);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem API',
      version: '1',
      description: 'Peer-mentoring programs for many organisations: design, enroll, match, meet, give feedback, measure.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'this deployment' }],
    tags: tags.filter((t) => endpoints.some((e) => e.tag === t.name)),
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API key: `Authorization: Bearer <key>`' } },
      schemas: components,
    },
  };
}

function operation(e: AnyEndpoint, schemaOf: (s: z.ZodType, io: 'input' | 'output') => JsonSchema) {
  const parameters = [
    ...objectProperties(e.params, schemaOf).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...objectProperties(e.query, schemaOf, true).map(([name, schema, required]) => ({
      name, in: 'query', required, schema, ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    })),
  ];
  const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  const isPublic = e.roles.includes('public');
  const errors: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(commonErrors)) {
    if (isPublic && (status === '401' || status === '403')) continue;
    errors[status] = { description, ...problem };
  }
  const more = new Set([...(e.errors ?? []), 414]);
  if (e.body) [413, 415].forEach((s) => more.add(s));
  // Idempotency-Key: 409 while the first request runs, 422 when the key was used for another request.
  if (e.method === 'POST') [409, 422].forEach((s) => more.add(s));
  for (const status of [...more].sort()) errors[status] = { description: errorDescriptions[status] ?? STATUS_CODES[status], ...problem };
  errors['5XX'] = { description: 'the platform could not answer; retry later', ...problem };

  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(e.responses)) {
    const headers = e.responseHeaders?.[Number(status)];
    responses[status] = {
      description: STATUS_CODES[Number(status)] ?? 'success',
      ...(headers ? { headers: Object.fromEntries(Object.entries(headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
      ...(schema ? { content: Object.fromEntries((e.produces ?? ['application/json']).map((t) => [t, { schema: schemaOf(schema, 'output') }])) } : {}),
    };
  }
  return {
    operationId: e.operationId,
    summary: e.summary,
    description: `${e.description ?? e.summary}.\n\nRoles: ${e.roles.join(', ')}.`,
    tags: [e.tag],
    ...(isPublic ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(e.body
      ? {
        requestBody: {
          required: e.bodyRequired !== false,
          content: Object.fromEntries((e.bodyTypes ?? ['application/json']).map((t) => [
            t, t === 'text/csv'
              ? { schema: { type: 'string', description: 'RFC 4180 CSV with a header row' } }
              : { schema: schemaOf(e.body!, 'input'), ...(e.example !== undefined ? { example: e.example } : {}) },
          ])),
        },
      }
      : {}),
    responses: { ...responses, ...errors },
  };
}

/** The properties of an object schema (path or query parameters) as [name, JSON schema, required]. */
function objectProperties(
  schema: z.ZodObject | undefined,
  schemaOf: (s: z.ZodType, io: 'input' | 'output') => JsonSchema,
  defaultsOptional = false,
): [string, JsonSchema, boolean][] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = schemaOf(field as z.ZodType, 'input');
    const optional = (field as z.ZodType).safeParse(undefined).success;
    return [name, json, defaultsOptional ? !optional : true];
  });
}

/** Moves a schema's named `$defs` into the document's components, pointing its refs there. */
function hoistDefinitions(json: JsonSchema, components: Record<string, JsonSchema>, io: 'input' | 'output'): JsonSchema {
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  const rename = (name: string) => (io === 'input' ? `${name}Input` : name);
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')
          ? `#/components/schemas/${rename(v.slice('#/$defs/'.length))}`
          : rewrite(v);
      }
      return out;
    }
    return value;
  };
  for (const [name, def] of Object.entries(defs)) components[rename(name)] = clean(rewrite(def) as JsonSchema);
  const { $defs: _defs, ...rest } = json;
  return clean(rewrite(rest) as JsonSchema);
}

/** JSON Schema keywords a component must not repeat inside an OpenAPI document. */
function clean(json: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, id: _zodId, ...rest } = json;
  return rest;
}
