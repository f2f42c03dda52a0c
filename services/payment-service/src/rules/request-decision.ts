import mongoose from 'mongoose';
import { decision, PlatformError, type Decision } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';
import type { DebitOutcome } from './charge-decision.ts';
import { statusMove, type PaymentStatus } from './payment-status.ts';
import { outcomeEntry, type ReplyTo } from './reply-entries.ts';

/** A PENDING payment decided, now. */
export interface Settled {
  readonly kind: 'settled';
  readonly status: 'SUCCEEDED' | 'FAILED';
}

/** What deciding a PENDING payment came to. */
export type Settlement =
  | Settled
  /** It was not PENDING any more: decided before, nothing written. */
  | { readonly kind: 'decided-before'; readonly status: PaymentStatus };

/** What answering a payment request came to. */
export type RequestAnswer =
  | Settled
  /** The payment was decided before: the same outcome again, addressed to the saga asking now. */
  | { readonly kind: 'repeated'; readonly status: PaymentStatus };

/** A PENDING payment was to be answered before its account was debited: a bug in the caller. */
export class UndebitedPaymentError extends PlatformError {
  readonly code = 'PAYMENT_NOT_DEBITED';
  readonly retriable = false;
  constructor(readonly orderId: string) {
    super(`payment of order ${orderId} is PENDING, and no debit was decided for it`);
  }
}

/**
 * The payment's decision table once its account's debit is decided (the debit happened, now or
 * before, or was declined): a PENDING payment moves to SUCCEEDED or FAILED, with its reply in the
 * outbox, in one update guarded by `status: PENDING`. Nothing is replied before this, so a saga never
 * hears of a charge that is not recorded. A payment decided before is left as it is: this is what the
 * start-up sweep and a refund that finds its payment PENDING do, answering the saga in `to` (the
 * payment's own).
 */
export function decideSettlement(
  payment: PaymentRecord,
  debit: DebitOutcome,
  to: ReplyTo,
  now: Date,
): Decision<Settlement> {
  if (payment.status !== 'PENDING') return decision.none({ kind: 'decided-before', status: payment.status });
  return settle(payment, debit, to, now);
}

/** The update that decides a PENDING payment by its debit, with its reply. */
function settle(payment: PaymentRecord, debit: DebitOutcome, to: ReplyTo, now: Date): Decision<Settled> {
  const status = debit.kind === 'charged' ? 'SUCCEEDED' : 'FAILED';
  const move = statusMove('PENDING', status);
  const decided =
    debit.kind === 'charged'
      ? { ...move.set, paidAt: debit.at }
      : { ...move.set, reason: debit.decline.reason, detail: debit.decline.detail, failedAt: now };
  return decision.update(
    { $set: decided },
    { kind: 'settled', status },
    { guard: move.filter, outbox: [outcomeEntry({ ...payment, ...decided }, to)] },
  );
}

/**
 * The payment's decision table for a `payment.request`: a PENDING payment is settled with the debit
 * decided for it (see decideSettlement); a decided one answers the saga asking with the outcome it
 * had, without touching the account (a payment is charged or refused once, for good). Any decided
 * status will do for that: a refund that began meanwhile does not change the charge's outcome.
 *
 * @param debit the account's debit, decided for a PENDING payment; null for a decided one
 * @throws UndebitedPaymentError for a PENDING payment without a debit
 */
export function decideRequestAnswer(
  payment: PaymentRecord,
  debit: DebitOutcome | null,
  to: ReplyTo,
  now: Date,
): Decision<RequestAnswer> {
  if (payment.status === 'PENDING') {
    if (debit === null) throw new UndebitedPaymentError(payment._id);
    return settle(payment, debit, to, now);
  }
  return decision.update(
    {},
    { kind: 'repeated', status: payment.status },
    {
      guard: { status: mongoose.trusted({ $ne: 'PENDING' }) },
      outbox: [outcomeEntry(payment, to)],
    },
  );
}
