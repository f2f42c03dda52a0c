import type { ConfirmOrder } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import type { Logger } from '@saga/logging';
import type { AggregateRuntime } from '@saga/service-kit';
import { confirmedPrices } from '../domain/confirmed-prices.ts';
import type { OrderModel } from '../model/order-model.ts';
import { applyOrderDecision, type OrderDecisionCommand } from './apply-order-decision.ts';
import { logDecisionOutcome } from './log-decision-outcome.ts';

/**
 * order.confirm: the saga completed (stock committed, payment taken), so a PENDING order becomes
 * CONFIRMED, with the lines as the shop priced them and the total charged.
 */
export function confirmOrder(deps: {
  readonly orders: OrderModel;
  readonly aggregates: AggregateRuntime;
  readonly logger: Logger;
}) {
  return async (message: ConfirmOrder, context: MessageContext): Promise<void> => {
    const command: OrderDecisionCommand = {
      decision: 'confirm',
      orderId: message.orderId,
      messageId: context.id,
      sagaId: message.sagaId,
      traceparent: context.traceparent,
      record: { sagaId: message.sagaId, ...confirmedPrices(message) },
    };
    logDecisionOutcome(deps.logger, command, await applyOrderDecision(deps, command), message.sagaId);
  };
}
