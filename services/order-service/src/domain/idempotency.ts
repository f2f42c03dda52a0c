import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { uuidV5 } from '@saga/service-kit';

/**
 * The namespace of order ids derived from idempotency keys. Fixed forever: changing it would give a
 * retried request a new order id, i.e. a second order.
 */
export const ORDER_ID_NAMESPACE = '211f34af-814b-4f4b-856e-808ddb7cd4a1';

/**
 * The id of a new order. With an idempotency key it is derived from the customer and the key (UUIDv5
 * in a namespace per customer), so a retry collides with the first attempt on the order's `_id`: the
 * idempotency check is the insert itself, with no second collection and no two-document write. Keys
 * are the customer's own: another customer sending the same key places an order of their own, and
 * never meets (or reads) this one. Without a key, a random UUID.
 */
export function orderIdFor(customerId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  return uuidV5(idempotencyKey, uuidV5(customerId, ORDER_ID_NAMESPACE));
}

/**
 * A fingerprint of a request body: SHA-256 of its canonical JSON. A retry with the same key must carry
 * the same body; key order and whitespace do not count as a difference, anything else does.
 */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
