import { randomUUID } from 'node:crypto';
import type { RefundPayment } from '@saga/contracts';
import { appendToOutbox, combineUpdates, markProcessed, notYetProcessed } from '@saga/service-kit';
import type { PaymentRecord, RefundRecord } from '../model/payment.ts';
import type { AppliedMessage, PaymentDeps } from './payment-deps.ts';
import { refundedEntry } from './reply-entries.ts';

/**
 * Answers the refund of a FAILED payment: nothing was taken, so nothing goes back. payment.refunded
 * has no way to say "there was nothing to refund" but its amount, so the reply is a refund of 0 in
 * the payment's currency; the saga's compensation is done either way, and a refund reply is what it
 * waits for. The zero refund is recorded like any other (with its own id), so that asking again
 * answers the same refund.
 *
 * @returns the payment with its refund recorded, or null when the payment changed meanwhile
 */
export async function refundNothing(
  deps: PaymentDeps,
  payment: PaymentRecord,
  command: RefundPayment,
  message: AppliedMessage,
): Promise<PaymentRecord | null> {
  const refund: RefundRecord = {
    refundId: randomUUID(),
    sagaId: message.sagaId,
    amount: { amountMinor: 0, currency: payment.amount.currency },
    requestedAt: command.requestedAt,
    refundedAt: deps.now(),
  };
  const entry = refundedEntry({ ...payment, refund }, message.sagaId, message);
  const answered = await deps.payments
    .findOneAndUpdate(
      { _id: payment._id, status: 'FAILED', refund: null, ...notYetProcessed(message.id) },
      combineUpdates({ $set: { refund } }, markProcessed(message.id), appendToOutbox(entry)),
      { returnDocument: 'after' },
    )
    .lean();
  if (!answered) return null;
  deps.relay.nudge(payment._id);
  deps.logger.info(
    { orderId: payment._id, refundId: refund.refundId, reason: payment.reason },
    'refund of a payment that took nothing: answered with a refund of 0',
  );
  return answered;
}
