import type { z } from 'zod';

/** Who may call an endpoint. `public` needs no key (the path carries its own secret, e.g. a token). */
export type Role = 'operator' | 'admin' | 'participant' | 'public';
export type ServiceName = 'gateway' | 'enrollment' | 'matching' | 'scheduling' | 'surveys' | 'analytics';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The kind of thing a path parameter names: the generated isolation suite finds a real one of each. */
export type ResourceKind =
  | 'tenant' | 'api-key' | 'program' | 'enrollment' | 'participant' | 'matching-run' | 'match' | 'session'
  | 'survey-assignment';

/**
 * One public endpoint, declared once (DESIGN.md §11). The gateway routes and checks roles by it,
 * the owning service registers its handler against it, the OpenAPI document is generated from it,
 * and the isolation and bad-input suites probe every route it lists.
 */
export interface Endpoint<
  P extends z.ZodObject | undefined = z.ZodObject | undefined,
  Q extends z.ZodObject | undefined = z.ZodObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Rl extends Role = Role,
> {
  operationId: string;
  method: Method;
  /** OpenAPI style: `{id}` is one path segment. */
  path: string;
  service: ServiceName;
  roles: readonly Rl[];
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  /** What each path parameter names. */
  resources?: Readonly<Record<string, ResourceKind>>;
  query?: Q;
  body?: B;
  /** Whether a body must be sent; action endpoints take an optional one. Default: true when `body` is set. */
  bodyRequired?: boolean;
  /** A valid body, shown in the docs and sent by the generated suites. */
  example?: unknown;
  /** Media types the body may come in (default JSON only). */
  bodyTypes?: readonly ('application/json' | 'text/csv')[];
  /** Success answers: status → body schema (null for no body). The lowest status is the usual one. */
  responses: Readonly<Record<number, z.ZodType | null>>;
  /** Media types of the success body (default JSON). */
  produces?: readonly string[];
  /** Response headers a success answer carries, e.g. Location on a 202. */
  responseHeaders?: Readonly<Record<number, Readonly<Record<string, string>>>>;
  /** Problem answers besides the ones every route can give (400, 401, 403, 404, 429, 5xx). */
  errors?: readonly number[];
}

export type AnyEndpoint = Endpoint<z.ZodObject | undefined, z.ZodObject | undefined, z.ZodType | undefined, Role>;

/** Declares an endpoint with its schema types kept, so handlers get typed params, query and body. */
export const endpoint = <
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  Rl extends Role = Role,
>(e: Endpoint<P, Q, B, Rl>): Endpoint<P, Q, B, Rl> => e;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodObject | undefined, z.ZodType | undefined, Role> ? Out<P> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodObject | undefined, infer Q, z.ZodType | undefined, Role> ? Out<Q> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodObject | undefined, z.ZodObject | undefined, infer B, Role> ? Out<B> : never;
export type RolesOf<E> = E extends Endpoint<z.ZodObject | undefined, z.ZodObject | undefined, z.ZodType | undefined, infer R> ? R : never;

/** The status a handler answers with unless it says otherwise: the lowest declared success status. */
export const defaultStatus = (e: AnyEndpoint) => Number(Object.keys(e.responses)[0]);

/** `/v1/programs/{id}` → `/v1/programs/:id` (fastify's form). */
export const routePath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');
