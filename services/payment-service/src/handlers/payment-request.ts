import { randomUUID } from 'node:crypto';
import type { RequestPayment } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import type { PaymentRecord } from '../model/payment.ts';
import { applyToPayment } from '../payments/apply-to-payment.ts';
import { openPayment } from '../payments/open-payment.ts';
import type { PaymentDeps } from '../payments/payment-deps.ts';
import { debitPayment, logDecided } from '../payments/settle-payment.ts';
import { pendingPayment } from '../rules/new-payment.ts';
import { decideRequestAnswer } from '../rules/request-decision.ts';

/**
 * `payment.request`: charge the customer for the order, once, and answer payment.success or
 * payment.failed. As the payment's writer, in three steps, each a decision the aggregate runtime
 * applies:
 * 1. open the order's payment (PENDING), unless it exists;
 * 2. if it is PENDING, debit the account (as the account's writer, inside the payment's);
 * 3. answer: a PENDING payment moves to its outcome, a decided one gives the same outcome again; the
 *    reply and this message's id are written with it. The same message redelivered is a duplicate
 *    there, and changes nothing.
 */
export function handlePaymentRequest(
  deps: PaymentDeps,
): (request: RequestPayment, context: MessageContext) => Promise<void> {
  return (request, context) =>
    deps.writer.run(deps.payments, request.orderId, async () => {
      const now = deps.now();
      const payment = await openPayment(deps, pendingPayment(request, randomUUID()));
      const debit = payment.status === 'PENDING' ? await debitPayment(deps, payment, now) : null;
      const answered = await applyToPayment(
        deps,
        request.orderId,
        (current) =>
          decideRequestAnswer(
            current,
            debit,
            { sagaId: request.sagaId, traceparent: context.traceparent },
            now,
          ),
        { message: { id: context.id }, current: payment },
      );
      if (answered.kind === 'duplicate') return;
      if (answered.result.kind === 'settled') {
        logDecided(deps, answered.payment);
      } else {
        warnIfDifferent(deps, answered.payment, request);
        deps.logger.info(
          { orderId: request.orderId, status: answered.payment.status, messageId: context.id },
          'payment already decided; answered with its outcome again',
        );
      }
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
