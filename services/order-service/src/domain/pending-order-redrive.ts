import { decision, type Decision } from '@saga/service-kit';
import { outboxEntry } from '@saga/service-kit';
import type { OrderDocument } from '../model/order-document.ts';
import { orderCreatedMessage } from './order-created-message.ts';

/** When an order left PENDING is re-driven, and how often before it is reported instead. */
export interface PendingOrderPolicy {
  /** An order PENDING this long after it was placed, or last re-driven, is due. */
  readonly afterMs: number;
  /** Re-drives of one order before it is reported. */
  readonly maxRedrives: number;
}

/** What the sweep did with one order. */
export type PendingOrderOutcome =
  /** order.created went out again (its `redrives`th time), for the orchestrator to start its saga. */
  | { readonly kind: 'redriven'; readonly redrives: number }
  /** Re-drives spent: the order now carries `attention`, for a person to look at. */
  | { readonly kind: 'reported'; readonly redrives: number }
  /** Nothing to do: it settled, was reported before, or is not due (yet, or any more). */
  | { readonly kind: 'none' };

/** Why a PENDING order needs a person, as its `attention` says. */
export interface OrderAttention {
  readonly reason: 'STILL_PENDING';
  readonly detail: string;
  readonly at: Date;
}

/**
 * The decision for an order the sweep found PENDING for long: its order.created goes out again through
 * the outbox (the orchestrator starts one saga per order id, so a saga that never started starts, and
 * one that runs is left be), counted on the order; once `maxRedrives` are spent, the order is marked
 * with `attention` instead, once. Guarded by the status, so an order the saga settled meanwhile is
 * left alone.
 */
export function decidePendingRedrive(
  order:
    | (Pick<OrderDocument, '_id' | 'status' | 'customerId' | 'currency' | 'items' | 'total' | 'createdAt'> &
        Partial<Pick<OrderDocument, 'redrives' | 'redrivenAt' | 'attention' | 'traceparent'>>)
    | null,
  policy: PendingOrderPolicy,
  now: Date,
): Decision<PendingOrderOutcome> {
  if (order === null || order.status !== 'PENDING' || order.attention) return decision.none({ kind: 'none' });
  const since = (order.redrivenAt ?? order.createdAt).getTime();
  if (now.getTime() - since < policy.afterMs) return decision.none({ kind: 'none' });
  const redrives = order.redrives ?? 0;
  if (redrives < policy.maxRedrives) {
    const announcement = outboxEntry(
      'order.created',
      order._id,
      orderCreatedMessage({ ...order, orderId: order._id }),
      // In the order's trace: no message caused the sweep, the order's placing did.
      order.traceparent === undefined ? undefined : { traceparent: order.traceparent },
    );
    return decision.update(
      { $set: { redrives: redrives + 1, redrivenAt: now } },
      { kind: 'redriven', redrives: redrives + 1 },
      { guard: { status: 'PENDING' }, outbox: [announcement] },
    );
  }
  const attention: OrderAttention = {
    reason: 'STILL_PENDING',
    detail: `still PENDING after ${redrives} re-drives of order.created: no saga settled it`,
    at: now,
  };
  return decision.update(
    { $set: { attention } },
    { kind: 'reported', redrives },
    { guard: { status: 'PENDING' } },
  );
}
