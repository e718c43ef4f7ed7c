import { checkAnswer } from './contract';

/**
 * A thin client of the public API, as a script or a tenant admin's tool would call it. Every
 * answer is checked against the OpenAPI document (see contract.ts).
 */
export interface ApiResponse<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly key?: string,
  ) {}

  as(key: string | undefined): Api {
    return new Api(this.baseUrl, key);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const raw = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
    const r = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.key ? { authorization: `Bearer ${this.key}` } : {}),
        ...(raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: raw,
    });
    const text = await r.text();
    const type = r.headers.get('content-type');
    const parsed = text && /json/.test(type ?? '') ? JSON.parse(text) : text || undefined;
    checkAnswer(method, path, r.status, type, parsed);
    return { status: r.status, body: parsed, headers: r.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body, headers);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);
}

/** Asserts a status and hands back the body, with the problem in the message when it fails. */
export async function expectStatus<T = any>(p: Promise<ApiResponse<T>>, status: number): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}
