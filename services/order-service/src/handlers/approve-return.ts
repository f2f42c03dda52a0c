import type { ApproveReturn } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { applyReturnCommand, type ReturnCommandDeps } from './apply-return-command.ts';

/**
 * order.approve-return: the return saga's first step. The order approves a REQUESTED return (the
 * order CONFIRMED, no line more than bought counting its other approved or completed returns), pricing
 * it at the prices charged and holding its quantities, or rejects it with the reason; the answer is
 * order.return-approved or order.return-rejected.
 */
export function approveReturnHandler(deps: ReturnCommandDeps) {
  return async (message: ApproveReturn, context: MessageContext): Promise<void> => {
    await applyReturnCommand(deps, message, context, { kind: 'approve' });
  };
}
