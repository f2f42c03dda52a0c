import { decideCredit, type CreditRequest } from '../rules/credit-decision.ts';
import { applyToAccount, type AccountDeps } from './apply-to-account.ts';

/**
 * Credits an order's refund to its customer's account, at most once ever (see decideCredit: the
 * order's refund entry in the ledger is the marker). Called again (a redelivery, or the sweep after a
 * crash), it finds the refund and reports when it happened, giving nothing.
 *
 * @returns when the credit happened
 * @throws LedgerInconsistencyError when the account does not exist or never paid for the order
 */
export async function creditAccount(deps: AccountDeps, request: CreditRequest, now: Date): Promise<Date> {
  const { result } = await applyToAccount(deps, request.customerId, (account) =>
    decideCredit(account, request, now),
  );
  return result;
}
