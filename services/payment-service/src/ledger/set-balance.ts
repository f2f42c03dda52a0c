import type { AccountRecord } from '../model/account.ts';
import { decideBalanceChange, type BalanceChange } from '../rules/balance-change.ts';
import { applyToAccount, type AccountDeps } from './apply-to-account.ts';

/** How setting a balance ended. */
export type SetBalanceOutcome =
  | { readonly kind: 'created' | 'updated' | 'unchanged'; readonly account: AccountRecord }
  | { readonly kind: 'currency-conflict'; readonly current: string; readonly requested: string };

/**
 * Sets a customer's balance (creating the account on first use) and records the move in the ledger
 * as funding (see decideBalanceChange).
 *
 * @throws GuardLostError when another process kept changing the account (nothing was written)
 */
export async function setBalance(
  deps: AccountDeps,
  customerId: string,
  change: BalanceChange,
  now: Date,
): Promise<SetBalanceOutcome> {
  const { result, account } = await applyToAccount(deps, customerId, (current) =>
    decideBalanceChange(current, change, now),
  );
  if (result.kind === 'currency-conflict') return result;
  if (account === null) throw new Error(`account of customer ${customerId} was ${result.kind}, yet is none`);
  return { kind: result.kind, account };
}
