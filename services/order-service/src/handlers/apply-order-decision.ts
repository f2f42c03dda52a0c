import type { AggregateRuntime } from '@saga/service-kit';
import {
  decideOrder,
  type OrderDecisionCommand,
  type OrderDecisionOutcome,
} from '../domain/order-decision.ts';
import type { OrderDocument } from '../model/order-document.ts';
import type { OrderModel } from '../model/order-model.ts';

export type { OrderDecisionCommand, OrderDecisionOutcome } from '../domain/order-decision.ts';

/**
 * Applies a saga decision to its order through the aggregate runtime: one update guarded by the
 * status it was decided on, recording the message id, so a redelivered message, a late command for a
 * settled order and two consumers racing change nothing twice.
 */
export async function applyOrderDecision(
  deps: { readonly orders: OrderModel; readonly aggregates: AggregateRuntime; readonly now?: () => Date },
  command: OrderDecisionCommand,
): Promise<OrderDecisionOutcome> {
  const now = deps.now?.() ?? new Date();
  const applied = await deps.aggregates.apply<OrderDocument, OrderDecisionOutcome>(
    deps.orders,
    command.orderId,
    {
      message: { id: command.messageId },
      decide: (order) => decideOrder(order, command, now),
    },
  );
  return applied.kind === 'duplicate'
    ? { kind: 'duplicate', status: applied.document.status }
    : applied.result;
}
