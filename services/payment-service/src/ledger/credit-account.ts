import { decideCredit, type CreditRequest } from '../rules/credit-decision.ts';
import { applyToAccount, type AccountDeps } from './apply-to-account.ts';
import { findSettledEntry } from './settled-entry.ts';

/**
 * Credits an order's refund to its customer's account, at most once ever (see decideCredit: the
 * order's refund entry, unsettled in the account or settled in `ledger_entries`, is the marker).
 * Called again (a redelivery, or the sweep after a crash), it finds the refund and reports when it
 * happened, giving nothing. The entry is settled right after (applyToAccount).
 *
 * The settled charge and refund are looked up before the runtime reads the account, all as the
 * account's writer, so no entry moves between the reads (debit-account.ts explains why that is safe).
 *
 * @returns when the credit happened
 * @throws LedgerInconsistencyError when the account does not exist or never paid for the order
 */
export function creditAccount(deps: AccountDeps, request: CreditRequest, now: Date): Promise<Date> {
  const { customerId, orderId } = request;
  return deps.writer.run(deps.accounts, customerId, async () => {
    const [charge, refund] = await Promise.all([
      findSettledEntry(deps, customerId, orderId, 'charge'),
      findSettledEntry(deps, customerId, orderId, 'refund'),
    ]);
    const { result } = await applyToAccount(deps, customerId, (account) =>
      decideCredit(account, { charge, refund }, request, now),
    );
    return result;
  });
}
