import { outboxEntry } from '@saga/service-kit';
import { orderCreatedMessage } from '../domain/order-created-message.ts';
import type { OrderRequest } from '../domain/order-request.ts';
import { orderTotal } from '../domain/order-total.ts';
import type { OrderDocument } from './order-document.ts';

export interface NewOrder {
  readonly orderId: string;
  readonly request: OrderRequest;
  readonly now: Date;
  /** The client's Idempotency-Key and its body's fingerprint, when it sent a key. */
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
  /** The HTTP request's traceparent, if valid: order.created then joins the caller's trace. */
  readonly traceparent?: string;
}

/**
 * A placed order as it is inserted: PENDING, its total computed, and its order.created message already
 * in its outbox, so the order and its announcement are one insert and can never exist one without the other.
 */
export function newOrderDocument(order: NewOrder): OrderDocument {
  const { orderId, request, now } = order;
  const items = request.items.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice }));
  const total = orderTotal(items);
  const created = orderCreatedMessage({
    orderId,
    customerId: request.customerId,
    currency: request.currency,
    items,
    total,
    createdAt: now,
  });
  return {
    _id: orderId,
    customerId: request.customerId,
    currency: request.currency,
    items,
    total,
    status: 'PENDING',
    cancelReason: null,
    cancelDetail: null,
    sagaId: null,
    idempotencyKey: order.idempotency?.key ?? null,
    requestFingerprint: order.idempotency?.fingerprint ?? null,
    createdAt: now,
    updatedAt: now,
    processedMessageIds: [],
    outbox: [
      outboxEntry(
        'order.created',
        orderId,
        created,
        order.traceparent === undefined ? undefined : { traceparent: order.traceparent },
      ),
    ],
  };
}
