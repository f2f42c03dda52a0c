import { decideDebit, type ChargeRequest, type DebitOutcome } from '../rules/charge-decision.ts';
import { applyToAccount, type AccountDeps } from './apply-to-account.ts';

/**
 * Debits an order's charge from its customer's account, at most once ever (see decideDebit: the
 * order's charge entry in the ledger is the marker). Called again for the same order (a redelivery,
 * or the sweep after a crash), it finds the charge and reports the order as paid, taking nothing. A
 * first charge also fixes an account's currency when it had none.
 */
export async function debitAccount(
  deps: AccountDeps,
  request: ChargeRequest,
  now: Date,
): Promise<DebitOutcome> {
  const { result } = await applyToAccount(deps, request.customerId, (account) =>
    decideDebit(account, request, now),
  );
  return result;
}
