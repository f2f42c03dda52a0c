import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';
import { debitAccount } from '../ledger/debit-account.ts';
import type { PaymentRecord } from '../model/payment.ts';
import type { DebitOutcome } from '../rules/charge-decision.ts';
import { decideSettlement } from '../rules/request-decision.ts';
import { applyToPayment } from './apply-to-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';

/**
 * The first of a charge's two single-document writes, since the store has no transactions: the debit
 * of the account, at most once per order (its ledger marker, see decideDebit). The second is the
 * payment's move to its outcome, with the reply (decideSettlement, decideRequestAnswer). A crash
 * between the two leaves the payment PENDING with the account debited: the redelivered request or the
 * start-up sweep debits again, finds the charge, and records success without taking anything twice.
 */
export function debitPayment(deps: PaymentDeps, payment: PaymentRecord, now: Date): Promise<DebitOutcome> {
  const customerId = payment.customerId;
  if (customerId === null) {
    throw new LedgerInconsistencyError(null, payment._id, 'a pending payment names no customer');
  }
  return debitAccount(
    deps,
    { customerId, orderId: payment._id, paymentId: payment.paymentId, amount: payment.amount },
    now,
  );
}

/**
 * Decides a PENDING payment that no request is waiting on here (the start-up sweep, or a refund that
 * found it PENDING): the debit, then the payment's move with its reply to the saga recorded in it.
 * Run as the payment's writer.
 *
 * @returns the payment as it is now
 */
export async function settlePayment(deps: PaymentDeps, payment: PaymentRecord): Promise<PaymentRecord> {
  const now = deps.now();
  const debit = await debitPayment(deps, payment, now);
  const settled = await applyToPayment(
    deps,
    payment._id,
    (current) => decideSettlement(current, debit, { sagaId: current.sagaId }, now),
    { current: payment },
  );
  if (settled.kind === 'applied') logDecided(deps, settled.payment);
  return settled.payment;
}

/** The log line of a payment decided, by a request or by the sweep. */
export function logDecided(deps: PaymentDeps, payment: PaymentRecord): void {
  deps.logger.info(
    {
      orderId: payment._id,
      paymentId: payment.paymentId,
      customerId: payment.customerId,
      status: payment.status,
      reason: payment.reason ?? undefined,
      amount: payment.amount,
    },
    'payment decided',
  );
}
