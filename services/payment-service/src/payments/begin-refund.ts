import { randomUUID } from 'node:crypto';
import type { RefundPayment } from '@saga/contracts';
import type { PaymentRecord, RefundRecord } from '../model/payment.ts';
import { statusMove } from '../rules/payment-status.ts';
import type { PaymentDeps } from './payment-deps.ts';

/**
 * Starts the refund of a succeeded payment: records it (with its own id, fixed from now on) and moves
 * the payment to REFUNDING, before any money moves, so that a crash from here on is seen and finished.
 * The refund is always the whole charge: that is what a refund means here (the command's amount says
 * "all of the payment"), and it cannot give back more than was taken.
 *
 * @returns the payment, REFUNDING; or null when it was no longer SUCCEEDED
 */
export async function beginRefund(
  deps: PaymentDeps,
  payment: PaymentRecord,
  command: RefundPayment,
): Promise<PaymentRecord | null> {
  if (
    command.paymentId !== payment.paymentId ||
    command.amount.amountMinor !== payment.amount.amountMinor ||
    command.amount.currency !== payment.amount.currency
  ) {
    // The order has one payment, and the refund is for the order: what was charged goes back.
    deps.logger.warn(
      {
        orderId: payment._id,
        paymentId: payment.paymentId,
        asked: { paymentId: command.paymentId, amount: command.amount },
        charged: payment.amount,
      },
      'refund names another payment id or amount than the order’s payment; refunding what was charged',
    );
  }
  const move = statusMove('SUCCEEDED', 'REFUNDING');
  const refund: RefundRecord = {
    refundId: randomUUID(),
    sagaId: command.sagaId,
    amount: { amountMinor: payment.amount.amountMinor, currency: payment.amount.currency },
    requestedAt: command.requestedAt,
    refundedAt: null,
  };
  return deps.payments
    .findOneAndUpdate(
      { _id: payment._id, ...move.filter },
      { $set: { ...move.set, refund } },
      { returnDocument: 'after' },
    )
    .lean();
}
