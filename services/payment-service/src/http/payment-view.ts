import type { PaymentRecord } from '../model/payment.ts';

/**
 * A payment as `GET /payments/:orderId` shows it. Fields that do not apply to its status are left
 * out (a failure reason on a success, say), rather than shown as null; the outbox and the ids of the
 * applied messages are bookkeeping and stay inside.
 */
export function paymentView(payment: PaymentRecord) {
  const refund = payment.refund;
  return {
    orderId: payment._id,
    paymentId: payment.paymentId,
    sagaId: payment.sagaId,
    ...(payment.customerId === null ? {} : { customerId: payment.customerId }),
    status: payment.status,
    amount: { amountMinor: payment.amount.amountMinor, currency: payment.amount.currency },
    ...(payment.reason === null ? {} : { reason: payment.reason }),
    ...(payment.detail === null ? {} : { detail: payment.detail }),
    requestedAt: payment.requestedAt,
    ...(payment.paidAt === null ? {} : { paidAt: payment.paidAt }),
    ...(payment.failedAt === null ? {} : { failedAt: payment.failedAt }),
    ...(refund === null
      ? {}
      : {
          refund: {
            refundId: refund.refundId,
            amount: { amountMinor: refund.amount.amountMinor, currency: refund.amount.currency },
            requestedAt: refund.requestedAt,
            ...(refund.refundedAt === null ? {} : { refundedAt: refund.refundedAt }),
          },
        }),
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  };
}
