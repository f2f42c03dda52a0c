import { decision, type Decision } from '@saga/service-kit';
import type { OrderDocument } from '../model/order-document.ts';
import { orderAcknowledgement } from './order-acknowledgement.ts';
import { decisionTransition, type OrderDecision, type OrderStatus } from './order-status.ts';

/** A saga decision about one order, as a consumed command carries it. */
export interface OrderDecisionCommand {
  readonly decision: OrderDecision;
  readonly orderId: string;
  /** The command's ce_id: applied at most once per order. */
  readonly messageId: string;
  /** The saga that sent it, which the acknowledgement goes back to. */
  readonly sagaId: string;
  /** The command's trace, which the acknowledgement joins. */
  readonly traceparent: string;
  /** What the decision records besides the new status. */
  readonly record: Partial<
    Pick<OrderDocument, 'sagaId' | 'cancelReason' | 'cancelDetail' | 'pricedLines' | 'total'>
  >;
}

/** What applying a decision did. */
export type OrderDecisionOutcome =
  | { readonly kind: 'applied'; readonly status: OrderStatus }
  /** The order is where the decision takes it already (a command sent again): acknowledged again. */
  | { readonly kind: 'acknowledged-again'; readonly status: OrderStatus }
  /** This message id was applied to the order before: a redelivery. */
  | { readonly kind: 'duplicate'; readonly status: OrderStatus }
  /** The order is in a status the decision does not apply in (terminal): nothing changed. */
  | { readonly kind: 'not-applicable'; readonly status: OrderStatus }
  | { readonly kind: 'unknown-order' };

/**
 * The order's decision table for a saga command: move a PENDING order to CONFIRMED or CANCELLED
 * (guarded by the statuses the decision applies in) and acknowledge it in the same write; acknowledge
 * again, changing nothing else, for an order the decision took where it is already; and change
 * nothing for an order settled the other way or that does not exist. Those go unacknowledged: the
 * saga and this service disagree, and the saga's deadline on its command brings a person in.
 */
export function decideOrder(
  order: Pick<OrderDocument, 'status'> | null,
  command: OrderDecisionCommand,
  now: Date,
): Decision<OrderDecisionOutcome> {
  if (order === null) return decision.none({ kind: 'unknown-order' });
  const { from, to } = decisionTransition(command.decision);
  const acknowledgement = orderAcknowledgement(command.decision, command, now, command);
  if (order.status === to)
    return decision.update(
      { $set: { updatedAt: now } },
      { kind: 'acknowledged-again', status: to },
      { guard: { status: to }, outbox: [acknowledgement] },
    );
  if (!from.includes(order.status)) return decision.none({ kind: 'not-applicable', status: order.status });
  return decision.update(
    { $set: { ...command.record, status: to, updatedAt: now } },
    { kind: 'applied', status: to },
    { guard: { status: order.status }, outbox: [acknowledgement] },
  );
}
