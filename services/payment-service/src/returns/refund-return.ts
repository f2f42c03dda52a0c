import type { RefundReturn } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { decision, uuidV5 } from '@saga/service-kit';
import { applyToAccount } from '../ledger/apply-to-account.ts';
import type { PaymentRecord } from '../model/payment.ts';
import type { PaymentDeps } from '../payments/payment-deps.ts';
import {
  decideReturnCredit,
  decideReturnRefunded,
  returnRefundRefusal,
  ReturnRefundRefusedError,
} from './return-refund-decision.ts';

/** The namespace of return refund ids. Fixed forever: a re-sent refund must name the same refund. */
const RETURN_REFUND_NAMESPACE = '4b7e2c91-0d5a-4f63-8e1b-a92c3d5f7e10';

/**
 * `payment.refund-return`: credits a return's refund to the account that paid for the order, once,
 * and answers payment.return-refunded. As the payment's writer (by order id):
 *
 * 1. the payment is read (from the archive too): a return refunded before is answered again, the same;
 * 2. it must have charged the customer, in the amount's currency, enough for every return refunded
 *    from it, this one included;
 * 3. the account is credited, once by the return's marker; a CLOSED (or missing) account refuses it;
 * 4. the payment records the return refunded, with the reply and the message id.
 *
 * A refusal (2, 3) is logged with its reason and not answered: the return saga re-sends the command
 * and then needs attention, so the money owed waits for a person (who reopens the account and
 * retries the saga) instead of being dropped. The refund id derives from the return id, so a crash
 * between 3 and 4 is finished by the redelivery: the account finds its marker and credits nothing more.
 */
export function refundReturnHandler(deps: PaymentDeps) {
  return (command: RefundReturn, context: MessageContext): Promise<void> =>
    deps.writer.run(deps.payments, command.orderId, async () => {
      const fields = { orderId: command.orderId, returnId: command.returnId, messageId: context.id };
      const to = { sagaId: command.sagaId, traceparent: context.traceparent };
      const read = await deps.aggregates.apply<PaymentRecord, null>(deps.payments, command.orderId, {
        decide: () => decision.none(null),
      });
      const payment = read.document;
      const known = (payment?.returnRefunds ?? []).some((r) => r.returnId === command.returnId);
      if (!known) {
        const refusal = returnRefundRefusal(payment, command);
        if (refusal) {
          refuse(deps, command, refusal.reason, refusal.detail);
          return;
        }
      }
      const customerId = payment?.customerId ?? null;
      if (payment === null || customerId === null) {
        refuse(deps, command, 'NOT_PAID', 'the order has no charged payment');
        return;
      }
      const refundId = uuidV5(command.returnId, RETURN_REFUND_NAMESPACE);
      const now = deps.now();
      const credited = await applyToAccount(deps, customerId, (account) =>
        decideReturnCredit(
          account,
          {
            orderId: command.orderId,
            returnId: command.returnId,
            refundId,
            amountMinor: command.amount.amountMinor,
          },
          now,
        ),
      );
      const credit = credited.result;
      if (credit.kind === 'refused') {
        refuse(
          deps,
          command,
          credit.reason,
          credit.reason === 'ACCOUNT_CLOSED'
            ? `the account of customer ${customerId} is closed; reopen it and retry the saga`
            : `customer ${customerId} has no account`,
        );
        return;
      }
      const answered = await deps.aggregates.apply(deps.payments, command.orderId, {
        message: { id: context.id },
        current: payment,
        decide: (current: PaymentRecord | null) =>
          decideReturnRefunded(
            current,
            {
              returnId: command.returnId,
              refundId,
              sagaId: command.sagaId,
              amount: command.amount,
              refundedAt: credit.at,
            },
            to,
          ),
      });
      if (answered.kind === 'duplicate') {
        deps.logger.info(fields, 'return refund applied before (message delivered again); nothing changed');
        return;
      }
      deps.logger.info(
        { ...fields, customerId, refundId, amount: command.amount, outcome: answered.result },
        answered.result === 'recorded' ? 'return refunded' : 'return refunded before; answered again',
      );
    });
}

function refuse(
  deps: PaymentDeps,
  command: RefundReturn,
  reason: ConstructorParameters<typeof ReturnRefundRefusedError>[2],
  detail: string,
): void {
  const error = new ReturnRefundRefusedError(command.orderId, command.returnId, reason, detail);
  deps.logger.warn(
    { err: error, orderId: command.orderId, returnId: command.returnId, reason },
    'return refund refused; not answered, so the saga re-sends it and then needs attention',
  );
}
