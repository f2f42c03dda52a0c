import { ledgerEntryId, type LedgerEntryKind } from '../model/ledger-entry.ts';
import type { SettledEntry } from '../rules/charge-decision.ts';
import type { AccountDeps } from './apply-to-account.ts';

/**
 * The order's charge or refund as settled in `ledger_entries`, looked up by its `_id`; null when it is
 * not settled (not recorded at all, or still in the account). A lookup by `_id`, so it costs the same
 * however long the customer's history is. Called as the account's writer, before the account's
 * decision: see debit-account.ts for why that order is safe.
 */
export async function findSettledEntry(
  deps: Pick<AccountDeps, 'ledgerEntries'>,
  customerId: string,
  orderId: string,
  kind: LedgerEntryKind,
): Promise<SettledEntry> {
  const entry = await deps.ledgerEntries.findById(ledgerEntryId(customerId, orderId, kind), { at: 1 }).lean();
  return entry === null ? null : { at: entry.at };
}
