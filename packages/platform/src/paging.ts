import { z } from 'zod';
import { parseInput } from './errors';

/** `?limit=&cursor=`: the cursor is the last id of the previous page (ids are time-ordered UUIDv7). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function parsePageQuery<S extends z.ZodObject>(query: unknown, extra?: S) {
  return parseInput(extra ? pageQuery.extend(extra.shape) : pageQuery, query, 'query') as PageQuery & z.infer<S>;
}

/** Rows fetched with LIMIT limit+1 become one page and the cursor of the next. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (row: R) => T) {
  const items = rows.slice(0, limit);
  return { items: items.map(map), nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
