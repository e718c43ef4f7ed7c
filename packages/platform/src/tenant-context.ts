import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { unauthorized } from './errors';

/**
 * Who is calling, as established by the gateway from the API key. Services never read the tenant
 * from a path or body: they verify this signed, short-lived context instead.
 */
export const tenantContextSchema = z.object({
  tenantId: z.uuid(),
  role: z.enum(['admin', 'participant']),
  participantId: z.uuid().optional(),
  keyId: z.string(),
  /** A request with an Idempotency-Key: see request-marks.ts. */
  idempotency: z.object({ key: z.string().max(200), hash: z.string().max(128), since: z.iso.datetime({ offset: true }) }).optional(),
});
export type TenantContext = z.infer<typeof tenantContextSchema>;
const signedContext = tenantContextSchema.extend({ exp: z.number().int() });
export const TENANT_CONTEXT_HEADER = 'x-tandem-context';

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function signTenantContext(ctx: TenantContext, secret: string, ttlSeconds = 60): string {
  const payload = Buffer.from(JSON.stringify({ ...ctx, exp: Math.floor(Date.now() / 1000) + ttlSeconds })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function verifyTenantContext(header: string | undefined, secret: string): TenantContext {
  if (!header) throw unauthorized('missing tenant context');
  const [payload, signature] = header.split('.');
  if (!payload || !signature) throw unauthorized('malformed tenant context');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized('bad tenant context signature');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw unauthorized('malformed tenant context');
  }
  const parsed = signedContext.safeParse(decoded);
  if (!parsed.success) throw unauthorized('malformed tenant context');
  const { exp, ...context } = parsed.data;
  if (exp < Date.now() / 1000) throw unauthorized('expired tenant context');
  return context;
}
