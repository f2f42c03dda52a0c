import type { Logger } from '@saga/logging';
import type { AggregateRuntime, Decision, SingleWriter } from '@saga/service-kit';
import type { AccountModel, AccountRecord } from '../model/account.ts';
import type { LedgerEntryModel } from '../model/ledger-entry.ts';
import { settleEntries } from './settle-entries.ts';

/** What the account operations work with. */
export interface AccountDeps {
  readonly accounts: AccountModel;
  /** Settled charges and refunds, moved out of the accounts (model/ledger-entry.ts). */
  readonly ledgerEntries: LedgerEntryModel;
  /**
   * The service's single writer: an account's operation holds its account for all of its steps (the
   * lookup of a settled entry, the account's update, the settlement), and the settlement writes an
   * entry inside it (account → entry, never the other way round).
   */
  readonly writer: SingleWriter;
  readonly aggregates: AggregateRuntime;
  /** Where a settlement that finds the ledger inconsistent says so (settle-entries.ts). */
  readonly logger: Logger;
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
 *
 * Then, still as the account's writer, every entry the account holds unsettled is settled (moved to
 * `ledger_entries`, see settle-entries.ts): the one the decision pushed, and any a crash left behind,
 * so an account's next write finishes what a crash interrupted. The account returned is as the
 * decision wrote or read it, before the settlement.
 */
export async function applyToAccount<R>(
  deps: AccountDeps,
  customerId: string,
  decide: (account: AccountRecord | null) => Decision<R>,
): Promise<AccountApplied<R>> {
  return deps.writer.run(deps.accounts, customerId, async () => {
    const applied = await deps.aggregates.apply<AccountRecord, R>(deps.accounts, customerId, { decide });
    if (applied.kind === 'duplicate') {
      // Only a message can be a duplicate, and none is applied to an account.
      throw new Error(`account of customer ${customerId}: a duplicate without a message`);
    }
    await settleEntries(deps, applied.document);
    return { result: applied.result, written: applied.kind === 'applied', account: applied.document };
  });
}
