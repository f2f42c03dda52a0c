import type { PaymentFailed, PaymentRefunded, PaymentSucceeded } from '@saga/contracts';
import { PlatformError } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';
import { wasCharged } from './payment-status.ts';

/** A reply to a payment request: a success or a failure, with its topic, so each can be typed. */
export type OutcomeReply =
  | { readonly topic: 'payment.success'; readonly value: PaymentSucceeded }
  | { readonly topic: 'payment.failed'; readonly value: PaymentFailed };

/** A decided payment's recorded fields are missing: the stored document is broken. */
export class IncompletePaymentError extends PlatformError {
  readonly code = 'PAYMENT_RECORD_INCOMPLETE';
  readonly retriable = false;
  constructor(
    readonly orderId: string,
    readonly missing: string,
  ) {
    super(`payment of order ${orderId} has no ${missing}, which its status requires`);
  }
}

/**
 * The reply a decided payment gives a request, addressed to the saga asking (`sagaId`). A payment
 * that was charged answers success even after a refund: the charge did happen, and a saga that then
 * compensates it gets the same refund again.
 */
export function outcomeReply(payment: PaymentRecord, sagaId: string): OutcomeReply {
  if (wasCharged(payment.status)) {
    if (payment.paidAt === null) throw new IncompletePaymentError(payment._id, 'paidAt');
    return {
      topic: 'payment.success',
      value: {
        orderId: payment._id,
        sagaId,
        paymentId: payment.paymentId,
        amount: { amountMinor: payment.amount.amountMinor, currency: payment.amount.currency },
        paidAt: payment.paidAt,
      },
    };
  }
  if (payment.status !== 'FAILED') throw new IncompletePaymentError(payment._id, 'decision');
  if (payment.reason === null || payment.failedAt === null) {
    throw new IncompletePaymentError(payment._id, 'reason or failedAt');
  }
  return {
    topic: 'payment.failed',
    value: {
      orderId: payment._id,
      sagaId,
      reason: payment.reason,
      detail: payment.detail,
      failedAt: payment.failedAt,
    },
  };
}

/** The reply to a refund the payment has recorded as done, addressed to the saga asking. */
export function refundedReply(payment: PaymentRecord, sagaId: string): PaymentRefunded {
  const refund = payment.refund;
  if (refund === null) throw new IncompletePaymentError(payment._id, 'refund');
  if (refund.refundedAt === null) throw new IncompletePaymentError(payment._id, 'refund.refundedAt');
  return {
    orderId: payment._id,
    sagaId,
    paymentId: payment.paymentId,
    refundId: refund.refundId,
    amount: { amountMinor: refund.amount.amountMinor, currency: refund.amount.currency },
    refundedAt: refund.refundedAt,
  };
}
