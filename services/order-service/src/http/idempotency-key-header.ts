import type { FieldError } from '@saga/service-kit';

/** The request header that makes `POST /orders` safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Longest accepted key: room for a UUID or a client's own composite key, not for a payload. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Visible ASCII only: a key is compared byte for byte, so it must not hide spaces or look-alike characters. */
const KEY = /^[\x21-\x7e]+$/;

/**
 * Reads the Idempotency-Key header: undefined when it is absent, the key when it is valid, else a
 * field error (reported together with the body's, so a client learns everything at once).
 * A header sent twice arrives joined with ", ", and is refused for its space.
 */
export function parseIdempotencyKey(
  header: string | string[] | undefined,
): { ok: true; value: string | undefined } | { ok: false; errors: FieldError[] } {
  if (header === undefined) return { ok: true, value: undefined };
  const fail = (message: string) => ({
    ok: false as const,
    errors: [{ path: IDEMPOTENCY_KEY_HEADER, message }],
  });
  if (Array.isArray(header)) return fail('must be sent once');
  if (header.length === 0) return fail('must not be empty when sent');
  if (header.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    return fail(`must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  if (!KEY.test(header)) return fail('must be visible ASCII characters only, without spaces');
  return { ok: true, value: header };
}
