import type { Logger } from '@saga/logging';
import { isTerminal } from '../domain/order-status.ts';
import type { OrderDecisionCommand, OrderDecisionOutcome } from './apply-order-decision.ts';

/**
 * One log line per consumed decision, saying what it did. A command that contradicts how the order was
 * settled (cancel a CONFIRMED order) or names no order is a warning: the saga and this service disagree.
 */
export function logDecisionOutcome(
  logger: Logger,
  command: OrderDecisionCommand,
  outcome: OrderDecisionOutcome,
  sagaId: string,
): void {
  const fields = {
    orderId: command.orderId,
    messageId: command.messageId,
    sagaId,
    decision: command.decision,
  };
  switch (outcome.kind) {
    case 'applied':
      logger.info({ ...fields, status: outcome.status }, `order ${outcome.status.toLowerCase()}`);
      return;
    case 'acknowledged-again':
      logger.info(
        { ...fields, status: outcome.status },
        `order is ${outcome.status} already (the saga sent its command again); acknowledged again`,
      );
      return;
    case 'duplicate':
      logger.info(
        { ...fields, status: outcome.status },
        'decision already applied (message delivered again); nothing changed',
      );
      return;
    case 'not-applicable':
      logger.warn(
        { ...fields, status: outcome.status },
        `order is already ${outcome.status}${isTerminal(outcome.status) ? ', a terminal status' : ''}; the ${command.decision} changes nothing`,
      );
      return;
    case 'unknown-order':
      logger.warn(fields, `no such order; the ${command.decision} is skipped`);
      return;
  }
}
