import { appendToOutbox, combineUpdates, markProcessed, notYetProcessed } from '@saga/service-kit';
import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';
import { debitAccount } from '../ledger/debit-account.ts';
import type { PaymentRecord } from '../model/payment.ts';
import { statusMove } from '../rules/payment-status.ts';
import type { AppliedMessage, PaymentDeps } from './payment-deps.ts';
import { outcomeEntry } from './reply-entries.ts';

/**
 * Decides a PENDING payment in two single-document steps, since the store has no transactions:
 * 1. the debit of the account, at most once per order (its ledger marker, see debit-account.ts);
 * 2. the payment's move to SUCCEEDED or FAILED, together with its reply in the outbox and the id of
 *    the message applied, in one update guarded by `status: PENDING`.
 * A crash between the two leaves the payment PENDING with the account already debited: running this
 * again (the redelivered request, or the start-up sweep) finds the charge and records success
 * without debiting twice. Nothing is replied before step 2, so a saga never hears of a charge that
 * is not recorded.
 *
 * @param message the request being applied; absent for the sweep, which replies to the payment's saga
 * @returns the decided payment, or null when someone else decided it first
 */
export async function settlePayment(
  deps: PaymentDeps,
  payment: PaymentRecord,
  message?: AppliedMessage,
): Promise<PaymentRecord | null> {
  const customerId = payment.customerId;
  if (customerId === null) {
    throw new LedgerInconsistencyError(null, payment._id, 'a pending payment names no customer');
  }
  const now = deps.now();
  const debit = await deps.writer.run(deps.accounts, customerId, () =>
    debitAccount(
      deps.accounts,
      { customerId, orderId: payment._id, paymentId: payment.paymentId, amount: payment.amount },
      now,
    ),
  );
  const decided =
    debit.kind === 'charged'
      ? { ...statusMove('PENDING', 'SUCCEEDED').set, paidAt: debit.at }
      : {
          ...statusMove('PENDING', 'FAILED').set,
          reason: debit.decline.reason,
          detail: debit.decline.detail,
          failedAt: now,
        };
  const entry = outcomeEntry({ ...payment, ...decided }, message?.sagaId ?? payment.sagaId, message);
  const settled = await deps.payments
    .findOneAndUpdate(
      { _id: payment._id, status: 'PENDING', ...(message ? notYetProcessed(message.id) : {}) },
      combineUpdates(
        { $set: decided },
        ...(message ? [markProcessed(message.id)] : []),
        appendToOutbox(entry),
      ),
      { returnDocument: 'after' },
    )
    .lean();
  if (!settled) return null;
  deps.relay.nudge(payment._id);
  deps.logger.info(
    {
      orderId: payment._id,
      paymentId: payment.paymentId,
      customerId,
      status: settled.status,
      reason: settled.reason ?? undefined,
      amount: payment.amount,
    },
    'payment decided',
  );
  return settled;
}
