import type { CancelOrder } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import type { Logger } from '@saga/logging';
import type { AggregateRuntime } from '@saga/service-kit';
import type { OrderModel } from '../model/order-model.ts';
import { applyOrderDecision, type OrderDecisionCommand } from './apply-order-decision.ts';
import { logDecisionOutcome } from './log-decision-outcome.ts';

/** order.cancel: the saga failed and compensated, so a PENDING order becomes CANCELLED, with the reason. */
export function cancelOrder(deps: {
  readonly orders: OrderModel;
  readonly aggregates: AggregateRuntime;
  readonly logger: Logger;
}) {
  return async (message: CancelOrder, context: MessageContext): Promise<void> => {
    const command: OrderDecisionCommand = {
      decision: 'cancel',
      orderId: message.orderId,
      messageId: context.id,
      sagaId: message.sagaId,
      traceparent: context.traceparent,
      record: { sagaId: message.sagaId, cancelReason: message.reason, cancelDetail: message.detail },
    };
    logDecisionOutcome(deps.logger, command, await applyOrderDecision(deps, command), message.sagaId);
  };
}
