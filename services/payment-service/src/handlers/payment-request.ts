import { randomUUID } from 'node:crypto';
import type { RequestPayment } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { ContentionError } from '../errors/contention-error.ts';
import type { PaymentRecord } from '../model/payment.ts';
import { openPayment } from '../payments/open-payment.ts';
import type { AppliedMessage, PaymentDeps } from '../payments/payment-deps.ts';
import { repeatOutcome } from '../payments/repeat-outcome.ts';
import { settlePayment } from '../payments/settle-payment.ts';
import { pendingPayment } from '../rules/new-payment.ts';

/** Each pass either applies the message or sees someone else move the payment on; a few always settle it. */
const MAX_PASSES = 4;

/**
 * `payment.request`: charge the customer for the order, once, and answer payment.success or
 * payment.failed. The first request opens the order's payment and decides it; any later one, or the
 * same one redelivered, finds it decided and gets the same outcome again (or, for the very same
 * message id, nothing at all: it was applied already).
 */
export function handlePaymentRequest(
  deps: PaymentDeps,
): (request: RequestPayment, context: MessageContext) => Promise<void> {
  return (request, context) =>
    deps.writer.run(deps.payments, request.orderId, async () => {
      const message: AppliedMessage = {
        id: context.id,
        traceparent: context.traceparent,
        sagaId: request.sagaId,
      };
      for (let pass = 1; pass <= MAX_PASSES; pass++) {
        const payment = await openPayment(deps, pendingPayment(request, randomUUID()));
        if (payment.processedMessageIds.includes(message.id)) return;
        if (payment.status === 'PENDING') {
          if (await settlePayment(deps, payment, message)) return;
        } else {
          warnIfDifferent(deps, payment, request);
          if (await repeatOutcome(deps, payment, message)) return;
        }
      }
      throw new ContentionError(`payment of order ${request.orderId}`, MAX_PASSES);
    });
}

/** A repeated request that asks something else than the first is a bug upstream; the first one stands. */
function warnIfDifferent(deps: PaymentDeps, payment: PaymentRecord, request: RequestPayment) {
  if (
    request.customerId !== payment.customerId ||
    request.amount.amountMinor !== payment.amount.amountMinor ||
    request.amount.currency !== payment.amount.currency
  ) {
    deps.logger.warn(
      {
        orderId: payment._id,
        recorded: { customerId: payment.customerId, amount: payment.amount },
        asked: { customerId: request.customerId, amount: request.amount },
      },
      'another payment request for the order asks something else; the recorded payment stands',
    );
  }
}
