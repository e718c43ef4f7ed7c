import { problemSchema } from '@tandem/contracts';
import { z } from 'zod';
import { routes } from './routes';

/** The OpenAPI document, generated from the route table and the same zod schemas that validate requests. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { 'application/problem+json': { schema: z.toJSONSchema(problemSchema) } };
  for (const r of [...identityRoutes, ...routes]) {
    const params = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }));
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: { '2XX': { description: 'success' }, '4XX': { description: 'problem', content: problem } },
      security: [{ bearer: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tandem API', version: '1' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

const identityRoutes = [
  { method: 'POST', path: '/v1/tenants', summary: 'Create a tenant (operator); answers its first admin key once' },
  { method: 'GET', path: '/v1/tenants', summary: 'List tenants (operator)' },
  { method: 'GET', path: '/v1/tenants/{id}', summary: 'Get a tenant (operator)' },
  { method: 'POST', path: '/v1/tenants/{id}/suspend', summary: 'Suspend a tenant (operator)' },
  { method: 'POST', path: '/v1/api-keys', summary: 'Create an API key (admin); the key is shown once' },
  { method: 'GET', path: '/v1/api-keys', summary: 'List API keys (admin)' },
  { method: 'DELETE', path: '/v1/api-keys/{id}', summary: 'Revoke an API key (admin)' },
].map((r) => ({ ...r, body: undefined as z.ZodType | undefined }));
