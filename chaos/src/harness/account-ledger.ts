import type { Document } from 'mongodb';
import type { LedgerEntryFact } from '../checker/index.ts';

const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0));
const time = (value: unknown) => (value instanceof Date ? value.getTime() : num(value));

/** An account's charges and refunds, as the checker judges them. */
export interface AccountLedger {
  readonly charges: LedgerEntryFact[];
  readonly refunds: LedgerEntryFact[];
}

/**
 * An account's charges and refunds from both places the payment service keeps them: the entries not
 * settled yet, in the account's `charges` and `refunds`, and the settled ones, in `ledger_entries`
 * (one per customer, order and kind). Read the account first, then its settled entries: an entry
 * moves only from the account to `ledger_entries` (inserted there, then removed from the account), so
 * one settled between the two reads is in both, never in neither.
 *
 * An unsettled entry that is also settled, the very same (order, amount, time, payment or refund id),
 * is that one entry caught between its settlement's two steps, and counts once. Anything else counts:
 * a second, different charge of an order stays in the account (its settlement refuses it), so the
 * checker still sees the order charged twice.
 *
 * A return's refund is never settled: it stays in the account's `returnRefunds` for good, and counts
 * as a refund with its return id.
 */
export function accountLedger(account: Document, settled: readonly Document[]): AccountLedger {
  const ofKind = (kind: 'charge' | 'refund', unsettled: unknown) => {
    const recorded = settled.filter((e) => e.kind === kind);
    const alsoSettled = (e: Document) => recorded.some((s) => sameEntry(s, e));
    return [...recorded, ...((unsettled ?? []) as Document[]).filter((e) => !alsoSettled(e))].map(
      (e): LedgerEntryFact => ({ orderId: String(e.orderId), amountMinor: num(e.amountMinor) }),
    );
  };
  // Returns' refunds stay in the account for good (each the marker that pays a return once).
  const returnRefunds = ((account.returnRefunds ?? []) as Document[]).map((e): LedgerEntryFact => ({
    orderId: String(e.orderId),
    amountMinor: num(e.amountMinor),
    returnId: String(e.returnId),
  }));
  return {
    charges: ofKind('charge', account.charges),
    refunds: [...ofKind('refund', account.refunds), ...returnRefunds],
  };
}

function sameEntry(a: Document, b: Document): boolean {
  return (
    String(a.orderId) === String(b.orderId) &&
    num(a.amountMinor) === num(b.amountMinor) &&
    time(a.at) === time(b.at) &&
    a.paymentId === b.paymentId &&
    a.refundId === b.refundId
  );
}
