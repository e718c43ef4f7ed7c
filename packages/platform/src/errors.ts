import { findUnsafeText, UNSAFE_TEXT_MESSAGE, type Problem } from '@tandem/contracts';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error type of the platform. Anything thrown with it is an expected outcome that maps
 * to a problem+json answer; anything else is a bug and answers 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toProblem(): Problem {
    return {
      type: `https://tandem.dev/problems/${this.code}`,
      title: STATUS_CODES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}


export const badRequest = (detail: string, errors?: FieldError[]) => new AppError(400, 'validation', detail, errors);
export const unauthorized = (detail = 'a valid API key is required') => new AppError(401, 'unauthorized', detail);
export const forbidden = (detail = 'this key may not do that') => new AppError(403, 'forbidden', detail);
/** Missing and other tenants' resources answer the same way, so ids reveal nothing. */
export const notFound = (what: string) => new AppError(404, 'not-found', `${what} not found`);
export const conflict = (detail: string) => new AppError(409, 'conflict', detail);

export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Parses input at the edge: a 400 naming every bad field, or the typed value. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<S> {
  const prefix = where === 'body' ? '' : where;
  const unsafe = findUnsafeText(value);
  if (unsafe) {
    throw badRequest(`invalid ${where}`, [{ path: [prefix, ...unsafe.map(String)].filter(Boolean).join('.') || '(root)', message: UNSAFE_TEXT_MESSAGE }]);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(`invalid ${where}`, fieldErrors(result.error, prefix));
  }
  return result.data;
}
