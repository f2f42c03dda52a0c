import { decideDebit, type ChargeRequest, type DebitOutcome } from '../rules/charge-decision.ts';
import { applyToAccount, type AccountDeps } from './apply-to-account.ts';
import { findSettledEntry } from './settled-entry.ts';

/**
 * Debits an order's charge from its customer's account, at most once ever (see decideDebit: the
 * order's charge entry, unsettled in the account or settled in `ledger_entries`, is the marker).
 * Called again for the same order (a redelivery, or the sweep after a crash), it finds the charge and
 * reports the order as paid, taking nothing. A first charge also fixes an account's currency when it
 * had none. The entry is settled right after (applyToAccount).
 *
 * Why the order of reads is safe: the settled charge is looked up first, then the runtime reads the
 * account and decides. An entry only ever moves from the account to `ledger_entries` (inserted there,
 * then removed from the account), and only as the account's writer, which this holds from the lookup
 * to the write. So nothing moves between the two reads: a charge not found settled is in the account
 * if it exists at all. (Without the writer the account would have to be read first: an entry settled
 * between the reads would otherwise be seen in neither place.)
 */
export function debitAccount(deps: AccountDeps, request: ChargeRequest, now: Date): Promise<DebitOutcome> {
  const { customerId, orderId } = request;
  return deps.writer.run(deps.accounts, customerId, async () => {
    const settled = await findSettledEntry(deps, customerId, orderId, 'charge');
    const { result } = await applyToAccount(deps, customerId, (account) =>
      decideDebit(account, settled, request, now),
    );
    return result;
  });
}
