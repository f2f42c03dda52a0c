import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';
import { creditAccount } from '../ledger/credit-account.ts';
import type { PaymentRecord } from '../model/payment.ts';
import { IncompletePaymentError } from '../rules/payment-replies.ts';
import { decideRefundCompletion } from '../rules/refund-decision.ts';
import { applyToPayment } from './apply-to-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';

/**
 * The first of a refund's two single-document writes: the credit of the account, at most once per
 * order (its refund marker, see decideCredit). The second is the payment's move to REFUNDED with its
 * reply (decideRefundCompletion, decideRefundAnswer). A crash between the two is finished by the
 * redelivered command or the start-up sweep, which find the refund marker and credit nothing more.
 *
 * @returns when the credit happened
 */
export function creditPayment(deps: PaymentDeps, payment: PaymentRecord, now: Date): Promise<Date> {
  const refund = payment.refund;
  if (refund === null) throw new IncompletePaymentError(payment._id, 'refund');
  const customerId = payment.customerId;
  if (customerId === null) {
    throw new LedgerInconsistencyError(null, payment._id, 'a charged payment names no customer');
  }
  return creditAccount(
    deps,
    { customerId, orderId: payment._id, refundId: refund.refundId, amountMinor: refund.amount.amountMinor },
    now,
  );
}

/**
 * Finishes a REFUNDING payment that no refund command is waiting on here (the start-up sweep): the
 * credit, then the payment's move to REFUNDED with its reply to the saga that asked for the refund.
 * Run as the payment's writer.
 *
 * @returns the payment as it is now
 */
export async function completeRefund(deps: PaymentDeps, payment: PaymentRecord): Promise<PaymentRecord> {
  const creditedAt = await creditPayment(deps, payment, deps.now());
  const completed = await applyToPayment(
    deps,
    payment._id,
    (current) =>
      decideRefundCompletion(current, creditedAt, { sagaId: current.refund?.sagaId ?? current.sagaId }),
    { current: payment },
  );
  if (completed.kind === 'applied') logRefunded(deps, completed.payment);
  return completed.payment;
}

/** The log line of a payment refunded, by a command or by the sweep. */
export function logRefunded(deps: PaymentDeps, payment: PaymentRecord): void {
  deps.logger.info(
    {
      orderId: payment._id,
      customerId: payment.customerId,
      refundId: payment.refund?.refundId,
      amount: payment.refund?.amount,
    },
    'payment refunded',
  );
}
