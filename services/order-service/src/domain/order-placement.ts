import { decision, type Decision } from '@saga/service-kit';
import type { OrderDocument } from '../model/order-document.ts';

/** What placing an order came to. */
export type OrderPlacement =
  | { readonly kind: 'placed' }
  /** The same Idempotency-Key and body placed it before: the retry gets the same answer. */
  | { readonly kind: 'replayed' }
  /** The Idempotency-Key placed another order, with another body. */
  | { readonly kind: 'key-reused' };

/**
 * The decision table of `POST /orders`: a new order is inserted with its order.created in its outbox;
 * an order already stored under the id (derived from an Idempotency-Key) is a retry when it was placed
 * with the same key and body, and a reuse of the key otherwise. Nothing is written for either.
 */
export function decideOrderPlacement(
  stored: Pick<OrderDocument, 'idempotencyKey' | 'requestFingerprint'> | null,
  order: OrderDocument,
): Decision<OrderPlacement> {
  if (stored === null) {
    // The runtime sets the id and the message ids; the outbox goes in beside the fields.
    const { outbox, ...fields } = order;
    return decision.insert(fields, { kind: 'placed' }, outbox);
  }
  const sameRequest =
    order.idempotencyKey !== null &&
    stored.idempotencyKey === order.idempotencyKey &&
    stored.requestFingerprint === order.requestFingerprint;
  return decision.none({ kind: sameRequest ? 'replayed' : 'key-reused' });
}
