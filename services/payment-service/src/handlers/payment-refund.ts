import type { RefundPayment } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { ContentionError } from '../errors/contention-error.ts';
import { beginRefund } from '../payments/begin-refund.ts';
import { completeRefund } from '../payments/complete-refund.ts';
import { openPayment } from '../payments/open-payment.ts';
import type { AppliedMessage, PaymentDeps } from '../payments/payment-deps.ts';
import { refundNothing } from '../payments/refund-nothing.ts';
import { repeatRefund } from '../payments/repeat-refund.ts';
import { settlePayment } from '../payments/settle-payment.ts';
import { cancelledPayment } from '../rules/new-payment.ts';

/** A charge a crash left PENDING, then SUCCEEDED → REFUNDING → REFUNDED, plus room for a race. */
const MAX_PASSES = 6;

/**
 * `payment.refund`: give the order's payment back, once, and answer payment.refunded. Each pass looks
 * at the payment and takes the next step, until this message is applied:
 * - PENDING (a crash interrupted the charge): settle it first, answering the request it owes;
 * - SUCCEEDED: start the refund; REFUNDING: credit the account and answer;
 * - REFUNDED, or FAILED with a recorded refund: answer the same refund again;
 * - FAILED: answer a refund of 0, as nothing was taken;
 * - no payment at all: record the order as never to be charged, then answer a refund of 0.
 */
export function handlePaymentRefund(
  deps: PaymentDeps,
): (command: RefundPayment, context: MessageContext) => Promise<void> {
  return (command, context) =>
    deps.writer.run(deps.payments, command.orderId, async () => {
      const message: AppliedMessage = {
        id: context.id,
        traceparent: context.traceparent,
        sagaId: command.sagaId,
      };
      for (let pass = 1; pass <= MAX_PASSES; pass++) {
        const payment =
          (await deps.payments.findById(command.orderId).lean()) ??
          (await openPayment(deps, cancelledPayment(command, deps.now())));
        if (payment.processedMessageIds.includes(message.id)) return;
        switch (payment.status) {
          case 'PENDING':
            await settlePayment(deps, payment);
            break;
          case 'SUCCEEDED':
            await beginRefund(deps, payment, command);
            break;
          case 'REFUNDING':
            if (await completeRefund(deps, payment, message)) return;
            break;
          case 'REFUNDED':
            if (await repeatRefund(deps, payment, message)) return;
            break;
          case 'FAILED':
            if (payment.refund !== null) {
              if (await repeatRefund(deps, payment, message)) return;
            } else if (await refundNothing(deps, payment, command, message)) {
              return;
            }
            break;
        }
      }
      throw new ContentionError(`payment of order ${command.orderId}`, MAX_PASSES);
    });
}
