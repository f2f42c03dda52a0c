import type { CompleteReturn } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { applyReturnCommand, type ReturnCommandDeps } from './apply-return-command.ts';

/** order.complete-return: the items are back and refunded; the return is COMPLETED with what was refunded. */
export function completeReturnHandler(deps: ReturnCommandDeps) {
  return async (message: CompleteReturn, context: MessageContext): Promise<void> => {
    await applyReturnCommand(deps, message, context, {
      kind: 'complete',
      refunded: message.refunded.amountMinor,
    });
  };
}
