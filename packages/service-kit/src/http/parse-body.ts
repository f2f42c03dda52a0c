import type { z } from 'zod';
import { ValidationError, type FieldError } from './http-error.ts';

/**
 * Validates a request body against a zod schema and returns the parsed value.
 * @throws ValidationError listing every field error, not just the first, each with its dotted path.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map(toFieldError));
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const path = issue.path.map(String).join('.');
  return { path: path === '' ? '(body)' : path, message: issue.message };
}
