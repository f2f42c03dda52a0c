import { z } from 'zod';
import type { FieldError } from '@saga/service-kit';

/** The request header that makes `POST /orders` safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Longest accepted key: room for a UUID or a client's own composite key, not for a payload. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Visible ASCII only: a key is compared byte for byte, so it must not hide spaces or look-alike characters. */
const KEY = /^[\x21-\x7e]+$/;

/**
 * The Idempotency-Key header's rule, one message per problem: the route reads the header with it, and
 * the OpenAPI document describes the header with it. A header sent twice arrives as an array (or
 * joined with ", ", refused for its space).
 */
export const idempotencyKeyHeader = z
  .string({ error: (issue) => (Array.isArray(issue.input) ? 'must be sent once' : 'must be a string') })
  .min(1, { error: 'must not be empty when sent', abort: true })
  .max(MAX_IDEMPOTENCY_KEY_LENGTH, {
    error: `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    abort: true,
  })
  .regex(KEY, 'must be visible ASCII characters only, without spaces')
  .meta({ description: 'Makes the request safe to retry: the same key and body answer the same order' });

/**
 * Reads the Idempotency-Key header: undefined when it is absent, the key when it is valid, else a
 * field error (reported together with the body's, so a client learns everything at once).
 */
export function parseIdempotencyKey(
  header: string | string[] | undefined,
): { ok: true; value: string | undefined } | { ok: false; errors: FieldError[] } {
  if (header === undefined) return { ok: true, value: undefined };
  const result = idempotencyKeyHeader.safeParse(header);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: IDEMPOTENCY_KEY_HEADER, message: issue.message })),
  };
}
