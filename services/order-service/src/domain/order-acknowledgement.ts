import { outboxEntry, type OutboxEntry } from '@saga/service-kit';
import type { OrderDecision } from './order-status.ts';

/**
 * The reply that tells the saga its decision is applied: order.confirmed for order.confirm,
 * order.cancelled for order.cancel. Written to the order's outbox by the very write that applies the
 * decision, and again for a repeated command (one the saga re-sent because the first reply was lost),
 * so the saga, which awaits it before it ends, learns it either way.
 */
export function orderAcknowledgement(
  decision: OrderDecision,
  ids: { readonly orderId: string; readonly sagaId: string },
  at: Date,
  causedBy: { readonly traceparent: string },
): OutboxEntry {
  const { orderId, sagaId } = ids;
  return decision === 'confirm'
    ? outboxEntry('order.confirmed', orderId, { orderId, sagaId, acknowledgedConfirmAt: at }, causedBy)
    : outboxEntry('order.cancelled', orderId, { orderId, sagaId, acknowledgedCancelAt: at }, causedBy);
}
