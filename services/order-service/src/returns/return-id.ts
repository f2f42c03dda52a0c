import { randomUUID } from 'node:crypto';
import { uuidV5 } from '@saga/service-kit';

/**
 * The namespace of return ids derived from idempotency keys. Fixed forever: changing it would give a
 * retried request a new return id, i.e. a second return.
 */
export const RETURN_ID_NAMESPACE = '8d3f61b2-4c0e-4f7a-9b15-2e6a7c9d0f43';

/**
 * The id of a new return. With an Idempotency-Key it derives from the order and the key, so a retry
 * finds the return it recorded (in the order) instead of recording a second; keys are per order.
 * Without a key, a random UUID.
 */
export function returnIdFor(orderId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  return uuidV5(idempotencyKey, uuidV5(orderId, RETURN_ID_NAMESPACE));
}
