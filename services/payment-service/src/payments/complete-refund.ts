import { appendToOutbox, combineUpdates, markProcessed, notYetProcessed } from '@saga/service-kit';
import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';
import { creditAccount } from '../ledger/credit-account.ts';
import type { PaymentRecord } from '../model/payment.ts';
import { IncompletePaymentError } from '../rules/payment-replies.ts';
import { statusMove } from '../rules/payment-status.ts';
import type { AppliedMessage, PaymentDeps } from './payment-deps.ts';
import { refundedEntry } from './reply-entries.ts';

/**
 * Finishes a REFUNDING payment in two single-document steps, like the charge:
 * 1. the credit of the account, at most once per order (its refund marker, see credit-account.ts);
 * 2. the payment's move to REFUNDED, with its payment.refunded reply and the id of the message
 *    applied, in one update guarded by `status: REFUNDING`.
 * A crash between the two is finished by the redelivered command or the start-up sweep, which find
 * the refund marker and credit nothing more.
 *
 * @param message the refund command being applied; absent for the sweep, which replies to the refund's saga
 * @returns the refunded payment, or null when someone else finished it first
 */
export async function completeRefund(
  deps: PaymentDeps,
  payment: PaymentRecord,
  message?: AppliedMessage,
): Promise<PaymentRecord | null> {
  const refund = payment.refund;
  if (refund === null) throw new IncompletePaymentError(payment._id, 'refund');
  const customerId = payment.customerId;
  if (customerId === null) {
    throw new LedgerInconsistencyError(null, payment._id, 'a charged payment names no customer');
  }
  const refundedAt = await deps.writer.run(deps.accounts, customerId, () =>
    creditAccount(
      deps.accounts,
      { customerId, orderId: payment._id, refundId: refund.refundId, amountMinor: refund.amount.amountMinor },
      deps.now(),
    ),
  );
  const move = statusMove('REFUNDING', 'REFUNDED');
  const done: PaymentRecord = { ...payment, ...move.set, refund: { ...refund, refundedAt } };
  const entry = refundedEntry(done, message?.sagaId ?? refund.sagaId, message);
  const refunded = await deps.payments
    .findOneAndUpdate(
      { _id: payment._id, ...move.filter, ...(message ? notYetProcessed(message.id) : {}) },
      combineUpdates(
        { $set: { ...move.set, 'refund.refundedAt': refundedAt } },
        ...(message ? [markProcessed(message.id)] : []),
        appendToOutbox(entry),
      ),
      { returnDocument: 'after' },
    )
    .lean();
  if (!refunded) return null;
  deps.relay.nudge(payment._id);
  deps.logger.info(
    { orderId: payment._id, customerId, refundId: refund.refundId, amount: refund.amount },
    'payment refunded',
  );
  return refunded;
}
