import { outboxEntry } from '@saga/service-kit';
import { orderCreatedMessage } from '../domain/order-created-message.ts';
import type { OrderRequest } from '../domain/order-request.ts';
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
 * A placed order as it is inserted: PENDING, not priced yet (the saga prices it from the catalogue;
 * order.confirm brings the priced lines and the total), and its order.created message already in its
 * outbox, so the order and its announcement are one insert and can never exist one without the other.
 */
export function newOrderDocument(order: NewOrder): OrderDocument {
  const { orderId, request, now } = order;
  const items = request.items.map(({ sku, quantity }) => ({ sku, quantity }));
  const created = orderCreatedMessage({
    orderId,
    customerId: request.customerId,
    currency: request.currency,
    items,
    createdAt: now,
  });
  const announcement = outboxEntry(
    'order.created',
    orderId,
    created,
    order.traceparent === undefined ? undefined : { traceparent: order.traceparent },
  );
  return {
    _id: orderId,
    customerId: request.customerId,
    currency: request.currency,
    items,
    pricedLines: [],
    total: null,
    status: 'PENDING',
    cancelReason: null,
    cancelDetail: null,
    sagaId: null,
    idempotencyKey: order.idempotency?.key ?? null,
    requestFingerprint: order.idempotency?.fingerprint ?? null,
    createdAt: now,
    updatedAt: now,
    processedMessageIds: [],
    traceparent: announcement.traceparent,
    outbox: [announcement],
  };
}
