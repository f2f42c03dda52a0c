import { decision, type Decision } from '@saga/service-kit';
import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';
import type { Charge, Refund } from '../model/account.ts';
import { ledgerEntryId, type LedgerEntryRecord } from '../model/ledger-entry.ts';

/** An account's entry still to settle: as it lies in the account, and as `ledger_entries` records it. */
export interface UnsettledEntry {
  readonly list: 'charges' | 'refunds';
  /** The element exactly as read from the account: what `$pullAll` removes. */
  readonly element: Charge | Refund;
  readonly entry: LedgerEntryRecord;
}

/** What settling reads of an account. */
export interface UnsettledAccountState {
  readonly _id: string;
  readonly charges: readonly Charge[];
  readonly refunds: readonly Refund[];
}

/** How recording an entry in `ledger_entries` went. */
export type EntryRecording = 'recorded' | 'recorded-before';

/** The account's unsettled charges and refunds, each with the ledger entry it becomes. */
export function unsettledEntries(account: UnsettledAccountState): UnsettledEntry[] {
  const customerId = account._id;
  return [
    ...account.charges.map((charge): UnsettledEntry => ({
      list: 'charges',
      element: charge,
      entry: {
        _id: ledgerEntryId(customerId, charge.orderId, 'charge'),
        customerId,
        orderId: charge.orderId,
        kind: 'charge',
        paymentId: charge.paymentId,
        amountMinor: charge.amountMinor,
        at: charge.at,
      },
    })),
    ...account.refunds.map((refund): UnsettledEntry => ({
      list: 'refunds',
      element: refund,
      entry: {
        _id: ledgerEntryId(customerId, refund.orderId, 'refund'),
        customerId,
        orderId: refund.orderId,
        kind: 'refund',
        refundId: refund.refundId,
        amountMinor: refund.amountMinor,
        at: refund.at,
      },
    })),
  ];
}

/** Whether two records of a (customer, order, kind) entry are the same money movement. */
export function sameEntry(a: LedgerEntryRecord, b: LedgerEntryRecord): boolean {
  return (
    a._id === b._id &&
    a.amountMinor === b.amountMinor &&
    a.at.getTime() === b.at.getTime() &&
    a.paymentId === b.paymentId &&
    a.refundId === b.refundId
  );
}

/**
 * The first step of settling an entry: insert it into `ledger_entries`, its `_id` derived from
 * (customer, order, kind). Found there already, the same (a crash came between this insert and the
 * removal from the account, and settling runs again), it is recorded before: nothing to write.
 *
 * @throws LedgerInconsistencyError when another entry of the same order and kind is recorded: the
 *   account holds a second charge (or refund) of the order. It is left unsettled in the account
 *   (settle-entries.ts), where the view and the chaos checker see both, until a person looks.
 */
export function decideEntryRecord(
  existing: LedgerEntryRecord | null,
  entry: LedgerEntryRecord,
): Decision<EntryRecording> {
  if (existing === null) {
    const { customerId, orderId, kind, paymentId, refundId, amountMinor, at } = entry;
    // The runtime gives the document its `_id`, the one it was looked up by.
    const document = { customerId, orderId, kind, paymentId, refundId, amountMinor, at };
    return decision.insert(
      Object.fromEntries(Object.entries(document).filter(([, value]) => value !== undefined)),
      'recorded',
    );
  }
  if (sameEntry(existing, entry)) return decision.none('recorded-before');
  throw new LedgerInconsistencyError(
    entry.customerId,
    entry.orderId,
    `its ${entry.kind} is settled already as another one (${existing.amountMinor} at ${existing.at.toISOString()}), ` +
      `and the account holds a second (${entry.amountMinor} at ${entry.at.toISOString()})`,
  );
}

/**
 * The last step of settling: remove from the account the entries recorded in `ledger_entries`, by
 * `$pullAll` of each element exactly as read now. Not `$pull` with a condition: FerretDB silently
 * removes nothing then (packages/store-contract, quirks.spec.ts); `$pullAll` of stored values is
 * proven. No guard is needed: the balance and totals do not move, and removing exact values again
 * removes nothing. An entry that is gone from the account already (settled before) is left out.
 *
 * @returns (as the decision's result) how many entries are removed
 */
export function decideEntriesRemoved(
  account: UnsettledAccountState | null,
  recorded: readonly UnsettledEntry[],
): Decision<number> {
  if (account === null) return decision.none(0);
  const present = unsettledEntries(account).filter(({ list, entry }) =>
    recorded.some((r) => r.list === list && sameEntry(r.entry, entry)),
  );
  if (present.length === 0) return decision.none(0);
  const pullAll: Partial<Record<UnsettledEntry['list'], (Charge | Refund)[]>> = {};
  for (const { list, element } of present) (pullAll[list] ??= []).push(element);
  return decision.update({ $pullAll: pullAll }, present.length);
}
