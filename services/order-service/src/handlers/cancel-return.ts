import type { CancelReturn } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import { applyReturnCommand, type ReturnCommandDeps } from './apply-return-command.ts';

/** order.cancel-return: the return saga gave up; the return is REJECTED with its reason, and holds nothing. */
export function cancelReturnHandler(deps: ReturnCommandDeps) {
  return async (message: CancelReturn, context: MessageContext): Promise<void> => {
    await applyReturnCommand(deps, message, context, {
      kind: 'cancel',
      reason: message.reason,
      detail: message.detail,
    });
  };
}
