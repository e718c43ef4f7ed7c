import { z } from 'zod';

/** CloudEvents-style envelope shared by every event on the bus (DESIGN.md §5). */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z_]+){2}$/, 'type is <service>.<aggregate>.<verb>'),
  version: z.number().int().min(1),
  source: z.string().min(1),
  tenantId: z.uuid(),
  subject: z.string().min(1),
  time: z.iso.datetime(),
  traceparent: z.string().optional(),
  data: z.unknown(),
});
export type Envelope<TData = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData };
