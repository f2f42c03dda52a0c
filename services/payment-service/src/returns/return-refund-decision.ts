import type { RefundReturn } from '@saga/contracts';
import { decision, noArrayElementWith, outboxEntry, PlatformError, type Decision } from '@saga/service-kit';
import type { AccountRecord } from '../model/account.ts';
import type { PaymentRecord, ReturnRefundRecord } from '../model/payment.ts';

/**
 * Why a return's refund is not paid now. None is answered to the saga: it re-sends the command, then
 * needs attention, so that money owed to a customer waits for a person rather than being dropped.
 */
export type ReturnRefundRefusal =
  'ACCOUNT_CLOSED' | 'ACCOUNT_NOT_FOUND' | 'NOT_PAID' | 'MORE_THAN_CHARGED' | 'CURRENCY_MISMATCH';

/** A return's refund that cannot be paid now, with why: logged, and left for the saga's re-sends. */
export class ReturnRefundRefusedError extends PlatformError {
  readonly code = 'RETURN_REFUND_REFUSED';
  /** Retriable: a re-send (after the account is reopened, say) may be paid. */
  readonly retriable = true;
  constructor(
    readonly orderId: string,
    readonly returnId: string,
    readonly reason: ReturnRefundRefusal,
    detail: string,
  ) {
    super(`refund of return ${returnId} of order ${orderId} refused (${reason}): ${detail}`);
  }
}

/**
 * Whether the order's payment can refund a return of this amount: it charged the customer
 * (SUCCEEDED; a payment refunded whole has nothing left to return), in the same currency, and its
 * return refunds, this one included, stay within what it charged. A return recorded before needs no
 * check (it is answered again).
 *
 * @returns the refusal, or null when the refund may go on
 */
export function returnRefundRefusal(
  payment: PaymentRecord | null,
  command: Pick<RefundReturn, 'returnId' | 'amount'>,
): { readonly reason: ReturnRefundRefusal; readonly detail: string } | null {
  if (payment === null || payment.status !== 'SUCCEEDED')
    return {
      reason: 'NOT_PAID',
      detail: payment === null ? 'the order has no payment' : `the order's payment is ${payment.status}`,
    };
  if (command.amount.currency !== payment.amount.currency)
    return {
      reason: 'CURRENCY_MISMATCH',
      detail: `asked in ${command.amount.currency}, charged in ${payment.amount.currency}`,
    };
  const before = (payment.returnRefunds ?? []).reduce((sum, r) => sum + r.amount.amountMinor, 0);
  if (before + command.amount.amountMinor > payment.amount.amountMinor)
    return {
      reason: 'MORE_THAN_CHARGED',
      detail: `${command.amount.amountMinor} asked, ${before} returned before, ${payment.amount.amountMinor} charged`,
    };
  return null;
}

/** What crediting a return's refund to the account came to. */
export type ReturnCredit =
  | { readonly kind: 'credited'; readonly at: Date }
  | { readonly kind: 'credited-before'; readonly at: Date }
  | { readonly kind: 'refused'; readonly reason: 'ACCOUNT_CLOSED' | 'ACCOUNT_NOT_FOUND' };

/**
 * The account's decision table for a return's refund, at most once ever: credited before (its marker
 * is in the account) → when it was; the account missing or CLOSED → refused, nothing moving; else one
 * update gives the money back (`totals.returnRefunded`) and pushes the marker, guarded by its absence.
 */
export function decideReturnCredit(
  account: AccountRecord | null,
  credit: {
    readonly orderId: string;
    readonly returnId: string;
    readonly refundId: string;
    readonly amountMinor: number;
  },
  now: Date,
): Decision<ReturnCredit> {
  if (account === null) return decision.none({ kind: 'refused', reason: 'ACCOUNT_NOT_FOUND' });
  const before = (account.returnRefunds ?? []).find((r) => r.returnId === credit.returnId);
  if (before) return decision.none({ kind: 'credited-before', at: before.at });
  if (account.status === 'CLOSED') return decision.none({ kind: 'refused', reason: 'ACCOUNT_CLOSED' });
  return decision.update(
    {
      $inc: { balance: credit.amountMinor, 'totals.returnRefunded': credit.amountMinor },
      $push: { returnRefunds: { ...credit, at: now } },
    },
    { kind: 'credited', at: now },
    { guard: noArrayElementWith({ 'returnRefunds.returnId': credit.returnId }) },
  );
}

/**
 * The payment's record of a return refunded, with payment.return-refunded, once (guarded by its
 * absence); recorded before, only the reply again, the same refund. The message id goes with it.
 */
export function decideReturnRefunded(
  payment: PaymentRecord | null,
  refund: ReturnRefundRecord,
  to: { readonly sagaId: string; readonly traceparent: string },
): Decision<'recorded' | 'answered-again' | 'no-payment'> {
  if (payment === null) return decision.none('no-payment');
  const recorded = (payment.returnRefunds ?? []).find((r) => r.returnId === refund.returnId) ?? null;
  const answered = recorded ?? refund;
  const reply = outboxEntry(
    'payment.return-refunded',
    payment._id,
    {
      orderId: payment._id,
      sagaId: to.sagaId,
      returnId: answered.returnId,
      refundId: answered.refundId,
      amount: answered.amount,
      refundedAt: answered.refundedAt,
    },
    { traceparent: to.traceparent },
  );
  if (recorded) return decision.update({}, 'answered-again', { outbox: [reply] });
  return decision.update({ $push: { returnRefunds: refund } }, 'recorded', {
    guard: noArrayElementWith({ 'returnRefunds.returnId': refund.returnId }),
    outbox: [reply],
  });
}
