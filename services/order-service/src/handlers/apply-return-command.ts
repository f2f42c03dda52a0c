import type { MessageContext } from '@saga/events';
import type { Logger } from '@saga/logging';
import type { AggregateRuntime } from '@saga/service-kit';
import type { OrderDocument } from '../model/order-document.ts';
import type { OrderModel } from '../model/order-model.ts';
import {
  decideReturnCommand,
  type ReturnCommand,
  type ReturnCommandOutcome,
} from '../returns/return-decision.ts';

/** What a return command handler needs. */
export interface ReturnCommandDeps {
  readonly orders: OrderModel;
  readonly aggregates: AggregateRuntime;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * Applies a return saga's command to the order that holds the return, through the aggregate runtime
 * (read, decide, one write guarded by the order's `updatedAt` that records the message id and the
 * answer), then logs what it did. A redelivered message is a duplicate there and changes nothing; a
 * command the saga sent again is answered again.
 */
export async function applyReturnCommand(
  deps: ReturnCommandDeps,
  message: { readonly orderId: string; readonly sagaId: string; readonly returnId: string },
  context: Pick<MessageContext, 'id' | 'traceparent'>,
  command: ReturnCommand,
): Promise<ReturnCommandOutcome | { readonly kind: 'duplicate' }> {
  const now = deps.now?.() ?? new Date();
  const { orderId, sagaId, returnId } = message;
  const applied = await deps.aggregates.apply<OrderDocument, ReturnCommandOutcome>(deps.orders, orderId, {
    message: { id: context.id },
    decide: (order) =>
      decideReturnCommand(
        order,
        { orderId, sagaId, returnId, traceparent: context.traceparent },
        command,
        now,
      ),
  });
  const outcome = applied.kind === 'duplicate' ? { kind: 'duplicate' as const } : applied.result;
  const fields = { orderId, returnId, sagaId, messageId: context.id, command: command.kind };
  switch (outcome.kind) {
    case 'applied':
      deps.logger.info({ ...fields, status: outcome.status }, `return ${outcome.status.toLowerCase()}`);
      break;
    case 'answered-again':
      deps.logger.info(
        { ...fields, status: outcome.status },
        `return is ${outcome.status} already (the saga sent its command again); answered again`,
      );
      break;
    case 'duplicate':
      deps.logger.info(fields, 'return command already applied (message delivered again); nothing changed');
      break;
    case 'not-applicable':
      deps.logger.warn(
        { ...fields, status: outcome.status },
        `return is ${outcome.status}; the ${command.kind} changes nothing and is not answered`,
      );
      break;
    case 'unknown-return':
      deps.logger.warn(fields, `no such return in the order; the ${command.kind} is skipped`);
      break;
  }
  return outcome;
}
