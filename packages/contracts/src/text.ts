/**
 * Text that PostgreSQL and JSON can both keep: no NUL (text and jsonb refuse it) and no lone UTF-16
 * surrogate (not valid Unicode, so it cannot be stored or re-encoded as UTF-8).
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const unsafe = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isSafeText = (s: string) => !unsafe.test(s);

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * The path of the first string (value or object key) in `value` that is not safe text, or undefined.
 * Every request body and query passes this check before its schema, so every string of every
 * endpoint is covered, including free-form ones (survey answers, metadata).
 */
export function findUnsafeText(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return isSafeText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnsafeText(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isSafeText(key)) return [...path, key];
      const found = findUnsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
