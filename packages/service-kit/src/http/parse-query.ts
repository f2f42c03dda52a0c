import type { z } from 'zod';
import { ValidationError, type FieldError } from './http-error.ts';

/** What Koa makes of a query string: a string per parameter, an array when it is repeated. */
export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Validates a request's query parameters against a zod object schema and returns the parsed value.
 * Unknown parameters are refused, each by name: a misspelt filter must not silently widen a search, and
 * `?status[$ne]=x` (which Koa's parser keeps as a parameter named `status[$ne]`) can never reach a store
 * filter as an operator. A repeated parameter arrives as an array; the schema decides (a string schema
 * refuses it as "must be given once").
 * @throws ValidationError listing every bad parameter, at its name.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: RawQuery): z.output<S> {
  const known = new Set(Object.keys(schema.shape));
  const unknown: FieldError[] = Object.keys(query)
    .filter((name) => !known.has(name))
    .map((name) => ({ path: name, message: 'is not a known query parameter' }));
  const result = schema.safeParse(query);
  const errors = [
    ...unknown,
    ...(result.success
      ? []
      : result.error.issues
          .filter((issue) => issue.code !== 'unrecognized_keys')
          .map((issue) => ({
            path: issue.path.length === 0 ? '(query)' : issue.path.map(String).join('.'),
            message:
              issue.code === 'invalid_type' && Array.isArray(query[String(issue.path[0])])
                ? 'must be given once'
                : issue.message,
          }))),
  ];
  if (errors.length > 0 || !result.success) throw new ValidationError(errors);
  return result.data;
}
