import { outboxEntry, type OutboxEntry } from '@saga/service-kit';
import type { OrderReturn } from './order-return.ts';

/** Who a reply goes to and what it joins: the command's saga and trace. */
export interface ReturnReplyTo {
  readonly orderId: string;
  readonly sagaId: string;
  readonly traceparent: string;
  readonly currency: string;
}

/**
 * The reply to order.approve-return for a return as it now is: order.return-approved with its priced
 * lines and refund, or order.return-rejected with the reason. Written by the write that decides the
 * return, and again, the same, for a repeated command.
 */
export function approvalReply(ret: OrderReturn, to: ReturnReplyTo, at: Date): OutboxEntry {
  const { orderId, sagaId, currency } = to;
  const { returnId } = ret;
  const causedBy = { traceparent: to.traceparent };
  if (ret.status === 'REJECTED')
    return outboxEntry(
      'order.return-rejected',
      orderId,
      {
        orderId,
        sagaId,
        returnId,
        reason: ret.rejectReason ?? 'UNKNOWN',
        detail: ret.rejectDetail,
        rejectedAt: at,
      },
      causedBy,
    );
  const pricedLines = ret.pricedLines.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: { amountMinor: line.unitPrice, currency },
  }));
  const refund = ret.pricedLines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  return outboxEntry(
    'order.return-approved',
    orderId,
    { orderId, sagaId, returnId, pricedLines, refund: { amountMinor: refund, currency }, approvedAt: at },
    causedBy,
  );
}

/** order.return-completed: the return is COMPLETED (again, for a repeated command). */
export function completedReply(ret: OrderReturn, to: ReturnReplyTo, at: Date): OutboxEntry {
  const { orderId, sagaId } = to;
  return outboxEntry(
    'order.return-completed',
    orderId,
    { orderId, sagaId, returnId: ret.returnId, acknowledgedCompleteReturnAt: at },
    { traceparent: to.traceparent },
  );
}

/** order.return-cancelled: the return is REJECTED and holds nothing (again, for a repeated command). */
export function cancelledReply(ret: OrderReturn, to: ReturnReplyTo, at: Date): OutboxEntry {
  const { orderId, sagaId } = to;
  return outboxEntry(
    'order.return-cancelled',
    orderId,
    { orderId, sagaId, returnId: ret.returnId, acknowledgedCancelReturnAt: at },
    { traceparent: to.traceparent },
  );
}
