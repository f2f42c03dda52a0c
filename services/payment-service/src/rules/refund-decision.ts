import mongoose from 'mongoose';
import type { RefundPayment } from '@saga/contracts';
import { decision, PlatformError, type Decision } from '@saga/service-kit';
import type { PaymentRecord, RefundRecord } from '../model/payment.ts';
import { IncompletePaymentError } from './payment-replies.ts';
import { statusMove, type PaymentStatus } from './payment-status.ts';
import { refundedEntry, type ReplyTo } from './reply-entries.ts';

/** What starting a refund came to. */
export type RefundStart =
  | { readonly kind: 'begun'; readonly refund: RefundRecord }
  /** The payment was not SUCCEEDED: nothing to start (a refund is under way or done, or nothing was taken). */
  | { readonly kind: 'not-charged'; readonly status: PaymentStatus };

/** A REFUNDING payment finished, now. */
export interface Refunded {
  readonly kind: 'refunded';
  readonly refund: RefundRecord;
}

/** What finishing a REFUNDING payment came to. */
export type RefundCompletion =
  | Refunded
  /** It was not REFUNDING any more: finished before, nothing written. */
  | { readonly kind: 'finished-before'; readonly status: PaymentStatus };

/** What answering a `payment.refund` came to. */
export type RefundAnswer =
  | Refunded
  /** The refund was done before: the same refund again (same id, same amount), to the saga asking now. */
  | { readonly kind: 'repeated'; readonly refund: RefundRecord }
  /** A FAILED payment took nothing: answered with a refund of 0, recorded like any refund. */
  | { readonly kind: 'nothing-taken'; readonly refund: RefundRecord };

/** What a refund command says beyond its order, and the ids and time fixed for it by the caller. */
export interface RefundAsked {
  readonly command: Pick<RefundPayment, 'requestedAt'>;
  /** The id a refund started now gets: fixed from then on, so every reply names the same refund. */
  readonly refundId: string;
  readonly now: Date;
}

/** A payment was to be answered before it had got as far as a refund: a bug in the caller. */
export class UnrefundablePaymentError extends PlatformError {
  readonly code = 'PAYMENT_NOT_REFUNDABLE_YET';
  readonly retriable = false;
  constructor(
    readonly orderId: string,
    readonly status: PaymentStatus,
  ) {
    super(`payment of order ${orderId} is ${status}; a refund is answered only once it is started or done`);
  }
}

/**
 * Whether a refund command names another payment or amount than the order's payment: a bug upstream.
 * The order has one payment, and the refund is for the order, so what was charged goes back anyway.
 */
export function refundAsksOtherwise(
  payment: PaymentRecord,
  command: Pick<RefundPayment, 'paymentId' | 'amount'>,
): boolean {
  return (
    command.paymentId !== payment.paymentId ||
    command.amount.amountMinor !== payment.amount.amountMinor ||
    command.amount.currency !== payment.amount.currency
  );
}

/**
 * The first step of a refund of a SUCCEEDED payment: record it (with its own id, fixed from now on)
 * and move to REFUNDING, before any money moves, so that a crash from here on is seen and finished.
 * The refund is always the whole charge: that is what a refund means here, and it cannot give back
 * more than was taken. Any other status starts nothing.
 */
export function decideRefundStart(
  payment: PaymentRecord,
  asked: RefundAsked,
  to: ReplyTo,
): Decision<RefundStart> {
  if (payment.status !== 'SUCCEEDED') return decision.none({ kind: 'not-charged', status: payment.status });
  const move = statusMove('SUCCEEDED', 'REFUNDING');
  const refund: RefundRecord = {
    refundId: asked.refundId,
    sagaId: to.sagaId,
    amount: { amountMinor: payment.amount.amountMinor, currency: payment.amount.currency },
    requestedAt: asked.command.requestedAt,
    refundedAt: null,
  };
  return decision.update(
    { $set: { ...move.set, refund } },
    { kind: 'begun', refund },
    { guard: move.filter },
  );
}

/**
 * The last step of a refund, once the account's credit is decided (now or before): a REFUNDING
 * payment moves to REFUNDED with its payment.refunded reply, in one update guarded by
 * `status: REFUNDING`. A payment finished before is left as it is: this is what the start-up sweep
 * does, answering the saga that asked for the refund.
 */
export function decideRefundCompletion(
  payment: PaymentRecord,
  creditedAt: Date,
  to: ReplyTo,
): Decision<RefundCompletion> {
  if (payment.status !== 'REFUNDING')
    return decision.none({ kind: 'finished-before', status: payment.status });
  return complete(payment, creditedAt, to);
}

/**
 * The payment's decision table for a `payment.refund`, once the payment has got as far as a refund
 * can take it (a PENDING one settled, a SUCCEEDED one REFUNDING):
 * - REFUNDING: finished with the credit decided for it (see decideRefundCompletion);
 * - REFUNDED, or FAILED with a recorded refund: the same refund again, no money moving;
 * - FAILED: a refund of 0 in the payment's currency, recorded with its own id, as nothing was taken
 *   (payment.refunded has no other way to say "nothing"; the saga's compensation is done either way).
 *
 * @param creditedAt when the account's credit happened, decided for a REFUNDING payment; else null
 * @throws UnrefundablePaymentError for a PENDING or SUCCEEDED payment, or a REFUNDING one without a credit
 */
export function decideRefundAnswer(
  payment: PaymentRecord,
  creditedAt: Date | null,
  asked: RefundAsked,
  to: ReplyTo,
): Decision<RefundAnswer> {
  const refund = payment.refund;
  switch (payment.status) {
    case 'REFUNDING':
      if (creditedAt === null) throw new UnrefundablePaymentError(payment._id, payment.status);
      return complete(payment, creditedAt, to);
    case 'REFUNDED':
    case 'FAILED':
      if (refund !== null) return repeat(payment, refund, to);
      if (payment.status === 'REFUNDED') throw new IncompletePaymentError(payment._id, 'refund');
      return refundNothing(payment, asked, to);
    case 'PENDING':
    case 'SUCCEEDED':
      throw new UnrefundablePaymentError(payment._id, payment.status);
  }
}

/** REFUNDING → REFUNDED, with the reply. */
function complete(payment: PaymentRecord, creditedAt: Date, to: ReplyTo): Decision<Refunded> {
  if (payment.refund === null) throw new IncompletePaymentError(payment._id, 'refund');
  const move = statusMove('REFUNDING', 'REFUNDED');
  const refund: RefundRecord = { ...payment.refund, refundedAt: creditedAt };
  return decision.update(
    { $set: { ...move.set, 'refund.refundedAt': creditedAt } },
    { kind: 'refunded', refund },
    { guard: move.filter, outbox: [refundedEntry({ ...payment, ...move.set, refund }, to)] },
  );
}

/** The recorded refund again: only the reply is written, guarded by that refund being done. */
function repeat(payment: PaymentRecord, refund: RefundRecord, to: ReplyTo): Decision<RefundAnswer> {
  return decision.update(
    {},
    { kind: 'repeated', refund },
    {
      guard: { 'refund.refundId': refund.refundId, 'refund.refundedAt': mongoose.trusted({ $ne: null }) },
      outbox: [refundedEntry(payment, to)],
    },
  );
}

/** A FAILED payment's refund of 0, recorded and answered in one update. */
function refundNothing(payment: PaymentRecord, asked: RefundAsked, to: ReplyTo): Decision<RefundAnswer> {
  const refund: RefundRecord = {
    refundId: asked.refundId,
    sagaId: to.sagaId,
    amount: { amountMinor: 0, currency: payment.amount.currency },
    requestedAt: asked.command.requestedAt,
    refundedAt: asked.now,
  };
  return decision.update(
    { $set: { refund } },
    { kind: 'nothing-taken', refund },
    { guard: { status: 'FAILED', refund: null }, outbox: [refundedEntry({ ...payment, refund }, to)] },
  );
}
