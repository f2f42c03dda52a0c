import mongoose from 'mongoose';
import { appendToOutbox, combineUpdates, markProcessed, notYetProcessed } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';
import { IncompletePaymentError } from '../rules/payment-replies.ts';
import type { AppliedMessage, PaymentDeps } from './payment-deps.ts';
import { refundedEntry } from './reply-entries.ts';

/**
 * Answers another refund command for a payment whose refund is done with that same refund (same id,
 * same amount), addressed to the saga asking now. No money moves. The reply and the message id go
 * into the payment in one update, so the same message twice answers once.
 *
 * @returns whether it answered (false: this message had already been applied)
 */
export async function repeatRefund(
  deps: PaymentDeps,
  payment: PaymentRecord,
  message: AppliedMessage,
): Promise<boolean> {
  const refund = payment.refund;
  if (refund === null) throw new IncompletePaymentError(payment._id, 'refund');
  const entry = refundedEntry(payment, message.sagaId, message);
  const { matchedCount: answered } = await deps.payments.updateOne(
    {
      _id: payment._id,
      'refund.refundId': refund.refundId,
      'refund.refundedAt': mongoose.trusted({ $ne: null }),
      ...notYetProcessed(message.id),
    },
    combineUpdates(markProcessed(message.id), appendToOutbox(entry)),
  );
  if (answered === 0) return false;
  deps.relay.nudge(payment._id);
  deps.logger.info(
    { orderId: payment._id, refundId: refund.refundId, messageId: message.id },
    'payment already refunded; answered with the same refund again',
  );
  return true;
}
