import { randomUUID } from 'node:crypto';
import type { RefundPayment } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { applyToPayment } from '../payments/apply-to-payment.ts';
import { beginRefund } from '../payments/begin-refund.ts';
import { creditPayment, logRefunded } from '../payments/complete-refund.ts';
import { openPayment } from '../payments/open-payment.ts';
import type { PaymentDeps } from '../payments/payment-deps.ts';
import { settlePayment } from '../payments/settle-payment.ts';
import { cancelledPayment } from '../rules/new-payment.ts';
import { decideRefundAnswer } from '../rules/refund-decision.ts';

/**
 * `payment.refund`: give the order's payment back, once, and answer payment.refunded. As the
 * payment's writer, it takes the payment as far as a refund goes, each step a decision the aggregate
 * runtime applies, and each skipped when the payment is past it:
 * - no payment at all: record the order as never to be charged (FAILED), so a late request charges nothing;
 * - PENDING (a crash interrupted the charge): settle it first, answering the request it owes;
 * - SUCCEEDED: start the refund (REFUNDING); REFUNDING: credit the account;
 * - then answer: REFUNDING → REFUNDED; REFUNDED, or FAILED with a recorded refund: the same refund
 *   again; FAILED: a refund of 0, as nothing was taken. The reply and this message's id are written
 *   with it; the same message redelivered is a duplicate there, and changes nothing.
 */
export function handlePaymentRefund(
  deps: PaymentDeps,
): (command: RefundPayment, context: MessageContext) => Promise<void> {
  return (command, context) =>
    deps.writer.run(deps.payments, command.orderId, async () => {
      const now = deps.now();
      let payment = await openPayment(deps, cancelledPayment(command, now));
      if (payment.status === 'PENDING') payment = await settlePayment(deps, payment);
      if (payment.status === 'SUCCEEDED') payment = await beginRefund(deps, payment, command);
      const creditedAt = payment.status === 'REFUNDING' ? await creditPayment(deps, payment, now) : null;
      const asked = { command, refundId: randomUUID(), now };
      const answered = await applyToPayment(
        deps,
        command.orderId,
        (current) =>
          decideRefundAnswer(current, creditedAt, asked, {
            sagaId: command.sagaId,
            traceparent: context.traceparent,
          }),
        { message: { id: context.id }, current: payment },
      );
      if (answered.kind === 'duplicate') return;
      const { result } = answered;
      if (result.kind === 'refunded') {
        logRefunded(deps, answered.payment);
      } else if (result.kind === 'repeated') {
        deps.logger.info(
          { orderId: command.orderId, refundId: result.refund.refundId, messageId: context.id },
          'payment already refunded; answered with the same refund again',
        );
      } else {
        deps.logger.info(
          { orderId: command.orderId, refundId: result.refund.refundId, reason: answered.payment.reason },
          'refund of a payment that took nothing: answered with a refund of 0',
        );
      }
    });
}
