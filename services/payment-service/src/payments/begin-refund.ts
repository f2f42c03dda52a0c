import { randomUUID } from 'node:crypto';
import type { RefundPayment } from '@saga/contracts';
import type { PaymentRecord } from '../model/payment.ts';
import { decideRefundStart, refundAsksOtherwise } from '../rules/refund-decision.ts';
import { applyToPayment } from './apply-to-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';

/**
 * Starts the refund of a SUCCEEDED payment: records it, with a new refund id, and moves it to
 * REFUNDING before any money moves (see decideRefundStart). Run as the payment's writer.
 *
 * @returns the payment as it is now (REFUNDING, unless it was not SUCCEEDED)
 */
export async function beginRefund(
  deps: PaymentDeps,
  payment: PaymentRecord,
  command: RefundPayment,
): Promise<PaymentRecord> {
  if (refundAsksOtherwise(payment, command)) {
    deps.logger.warn(
      {
        orderId: payment._id,
        paymentId: payment.paymentId,
        asked: { paymentId: command.paymentId, amount: command.amount },
        charged: payment.amount,
      },
      'refund names another payment id or amount than the order’s payment; refunding what was charged',
    );
  }
  const asked = { command, refundId: randomUUID(), now: deps.now() };
  const begun = await applyToPayment(
    deps,
    payment._id,
    (current) => decideRefundStart(current, asked, { sagaId: command.sagaId }),
    { current: payment },
  );
  return begun.payment;
}
