import type { AggregateRuntime, Decision } from '@saga/service-kit';
import type { AccountModel, AccountRecord } from '../model/account.ts';

/** What the account operations work with. */
export interface AccountDeps {
  readonly accounts: AccountModel;
  readonly aggregates: AggregateRuntime;
}

/** A decision applied to an account: its result, and the account as written (or as read, when unchanged). */
export interface AccountApplied<R> {
  readonly result: R;
  readonly written: boolean;
  readonly account: AccountRecord | null;
}

/**
 * Applies a decision to a customer's account through the aggregate runtime, as the account's single
 * writer (inside the payment's, when a payment asks). No message is recorded in an account: an
 * order's charge or refund marker in the ledger is its dedupe, checked by the decision and its guard.
 */
export async function applyToAccount<R>(
  deps: AccountDeps,
  customerId: string,
  decide: (account: AccountRecord | null) => Decision<R>,
): Promise<AccountApplied<R>> {
  const applied = await deps.aggregates.apply<AccountRecord, R>(deps.accounts, customerId, { decide });
  if (applied.kind === 'duplicate') {
    // Only a message can be a duplicate, and none is applied to an account.
    throw new Error(`account of customer ${customerId}: a duplicate without a message`);
  }
  return { result: applied.result, written: applied.kind === 'applied', account: applied.document };
}
