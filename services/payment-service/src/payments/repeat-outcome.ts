import mongoose from 'mongoose';
import { appendToOutbox, combineUpdates, markProcessed, notYetProcessed } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';
import type { AppliedMessage, PaymentDeps } from './payment-deps.ts';
import { outcomeEntry } from './reply-entries.ts';

/**
 * Answers another request for an already decided payment with the outcome it had, addressed to the
 * saga asking now. The account is not touched: a payment is charged or refused once, for good. The
 * reply and the message id go into the payment in one update, so the same message twice answers once.
 *
 * @returns whether it answered (false: this message had already been applied)
 */
export async function repeatOutcome(
  deps: PaymentDeps,
  payment: PaymentRecord,
  message: AppliedMessage,
): Promise<boolean> {
  const entry = outcomeEntry(payment, message.sagaId, message);
  const { matchedCount: answered } = await deps.payments.updateOne(
    // Any decided status will do: a refund that began meanwhile does not change the charge's outcome.
    { _id: payment._id, status: mongoose.trusted({ $ne: 'PENDING' }), ...notYetProcessed(message.id) },
    combineUpdates(markProcessed(message.id), appendToOutbox(entry)),
  );
  if (answered === 0) return false;
  deps.relay.nudge(payment._id);
  deps.logger.info(
    { orderId: payment._id, status: payment.status, messageId: message.id },
    'payment already decided; answered with its outcome again',
  );
  return true;
}
