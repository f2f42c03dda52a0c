import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';
import type { AccountRecord } from '../model/account.ts';
import type { LedgerEntryRecord } from '../model/ledger-entry.ts';
import {
  decideEntriesRemoved,
  decideEntryRecord,
  unsettledEntries,
  type EntryRecording,
  type UnsettledEntry,
} from '../rules/entry-settlement.ts';
import type { AccountDeps } from './apply-to-account.ts';

/**
 * Settles the entries an account holds unsettled, as the account's single writer, in two steps (the
 * store has no transactions across documents):
 * 1. each entry is inserted into `ledger_entries`, with the `_id` of its (customer, order, kind): an
 *    entry recorded before, the same, is left as it is (decideEntryRecord);
 * 2. the recorded entries are removed from the account, by `$pullAll` of their exact elements
 *    (decideEntriesRemoved).
 * Copy first, then remove: at every moment an entry is in the account, in `ledger_entries`, or in
 * both, never in neither, so a dedupe that looks at both (the account first, or both as the account's
 * writer) always finds it. A crash between the steps leaves entries in both: settling again (the
 * account's next write, or the start sweep) finds them recorded and removes them. `totals` never move
 * here, so conservation holds throughout, an entry in both places counting once.
 *
 * `account` may be stale (an earlier read): what was settled since is recorded before and is no longer
 * in the account, so nothing is done twice.
 *
 * An entry `ledger_entries` refuses (the account holds a second, different charge or refund of an
 * order: decideEntryRecord) is logged as an error and left in the account, where the view and the
 * chaos checker show it beside the settled one; the others are settled. Not thrown: the write that
 * asked has happened, and the customer's other orders must not wait for a person to look.
 *
 * @returns how many entries were removed from the account
 */
export async function settleEntries(deps: AccountDeps, account: AccountRecord | null): Promise<number> {
  if (account === null) return 0;
  const unsettled = unsettledEntries(account);
  if (unsettled.length === 0) return 0;
  return deps.writer.run(deps.accounts, account._id, async () => {
    const recorded: UnsettledEntry[] = [];
    for (const settling of unsettled) {
      const { entry } = settling;
      try {
        // As the entry's writer too (the runtime's), inside the account's.
        await deps.aggregates.apply<LedgerEntryRecord, EntryRecording>(deps.ledgerEntries, entry._id, {
          decide: (existing) => decideEntryRecord(existing, entry),
        });
        recorded.push(settling);
      } catch (error) {
        if (!(error instanceof LedgerInconsistencyError)) throw error;
        deps.logger.error(
          { err: error, customerId: entry.customerId, orderId: entry.orderId, kind: entry.kind },
          'ledger entry not settled: another one of the order is; it stays in the account for a person to look at',
        );
      }
    }
    if (recorded.length === 0) return 0;
    const removed = await deps.aggregates.apply<AccountRecord, number>(deps.accounts, account._id, {
      decide: (current) => decideEntriesRemoved(current, recorded),
    });
    return removed.kind === 'duplicate' ? 0 : removed.result;
  });
}
