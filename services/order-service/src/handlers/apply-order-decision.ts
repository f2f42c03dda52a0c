import mongoose from 'mongoose';
import { combineUpdates, markProcessed, notYetProcessed, type SingleWriter } from '@saga/service-kit';
import { decisionTransition, type OrderDecision, type OrderStatus } from '../domain/order-status.ts';
import type { OrderDocument } from '../model/order-document.ts';
import type { OrderModel } from '../model/order-model.ts';
import { UnexplainedMissError } from './unexplained-miss-error.ts';

/** A saga decision about one order, as a consumed command carries it. */
export interface OrderDecisionCommand {
  readonly decision: OrderDecision;
  readonly orderId: string;
  /** The command's ce_id: applied at most once per order. */
  readonly messageId: string;
  /** What the decision records besides the new status. */
  readonly record: Partial<Pick<OrderDocument, 'sagaId' | 'cancelReason' | 'cancelDetail'>>;
}

/** What applying a decision did. */
export type OrderDecisionOutcome =
  | { readonly kind: 'applied'; readonly status: OrderStatus }
  /** This message id was applied to the order before: a redelivery. */
  | { readonly kind: 'duplicate'; readonly status: OrderStatus }
  /** The order is in a status the decision does not apply in (terminal): nothing changed. */
  | { readonly kind: 'not-applicable'; readonly status: OrderStatus }
  | { readonly kind: 'unknown-order' };

/**
 * Applies a saga decision in ONE conditional update: it matches only if the order is in a status the
 * decision applies in AND the message id is not yet in the order's processed ids, and it both sets the
 * new status and records the id. A redelivered message, a late command for a settled order, and two
 * consumers racing all find the filter unmatched, so nothing changes twice. Only when it missed does a
 * read find out why, for the log.
 */
export function applyOrderDecision(
  deps: { readonly orders: OrderModel; readonly writer: SingleWriter; readonly now?: () => Date },
  command: OrderDecisionCommand,
): Promise<OrderDecisionOutcome> {
  return deps.writer.run(deps.orders, command.orderId, () => decide(deps, command));
}

async function decide(
  deps: { readonly orders: OrderModel; readonly now?: () => Date },
  command: OrderDecisionCommand,
): Promise<OrderDecisionOutcome> {
  const { from, to } = decisionTransition(command.decision);
  const now = deps.now?.() ?? new Date();
  const applied = await deps.orders
    .findOneAndUpdate(
      {
        _id: command.orderId,
        status: mongoose.trusted({ $in: from }),
        ...notYetProcessed(command.messageId),
      },
      combineUpdates(
        { $set: { ...command.record, status: to, updatedAt: now } },
        markProcessed(command.messageId),
      ),
      // No projection: FerretDB does not implement findAndModify's `fields`.
      { returnDocument: 'after' },
    )
    .lean<Pick<OrderDocument, 'status'>>();
  if (applied) return { kind: 'applied', status: applied.status };

  const current = await deps.orders
    .findById(command.orderId, { status: 1, processedMessageIds: 1 })
    .lean<Pick<OrderDocument, 'status' | 'processedMessageIds'>>();
  if (!current) return { kind: 'unknown-order' };
  if (current.processedMessageIds.includes(command.messageId))
    return { kind: 'duplicate', status: current.status };
  if (!from.includes(current.status)) return { kind: 'not-applicable', status: current.status };
  throw new UnexplainedMissError(command.orderId);
}
