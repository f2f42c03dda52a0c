import type { AccountRecord } from '../model/account.ts';
import type { LedgerEntryRecord } from '../model/ledger-entry.ts';

/**
 * An account as `GET /accounts/:customerId` shows it: the balance, and the whole ledger that explains
 * it, so that conservation can be checked from outside:
 * `balance + totals.charged - totals.refunded - totals.returnRefunded = totals.funded` (the starting
 * balance plus top-ups). `status` is OPEN or CLOSED (a closed account refuses returns' refunds).
 *
 * The charges and refunds are the account's unsettled ones and the settled ones of `ledger_entries`,
 * in the order they happened. An entry caught in both (a crash between its settlement's insert and
 * its removal from the account) is shown once. Only the very same entry is: a second, different charge
 * of an order would be shown beside the first, as the totals count it.
 */
export function accountView(account: AccountRecord, settled: readonly LedgerEntryRecord[] = []) {
  const settledOf = (kind: LedgerEntryRecord['kind']) => settled.filter((e) => e.kind === kind);
  return {
    customerId: account._id,
    balance: account.balance,
    currency: account.currency,
    totals: {
      funded: account.totals.funded,
      charged: account.totals.charged,
      refunded: account.totals.refunded,
      returnRefunded: account.totals.returnRefunded ?? 0,
    },
    status: account.status ?? 'OPEN',
    adjustments: account.adjustments.map((a) => ({ setTo: a.setTo, delta: a.delta, at: a.at })),
    charges: inTimeOrder(account.charges, settledOf('charge')).map((c) => ({
      orderId: c.orderId,
      paymentId: c.paymentId,
      amountMinor: c.amountMinor,
      at: c.at,
    })),
    refunds: inTimeOrder(account.refunds, settledOf('refund')).map((r) => ({
      orderId: r.orderId,
      refundId: r.refundId,
      amountMinor: r.amountMinor,
      at: r.at,
    })),
    returnRefunds: (account.returnRefunds ?? []).map((r) => ({
      orderId: r.orderId,
      returnId: r.returnId,
      refundId: r.refundId,
      amountMinor: r.amountMinor,
      at: r.at,
    })),
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

/** Settled and unsettled entries of one kind, oldest first; an unsettled one also settled is left out. */
function inTimeOrder<U extends { orderId: string; amountMinor: number; at: Date }>(
  unsettled: readonly U[],
  settled: readonly LedgerEntryRecord[],
): (U | LedgerEntryRecord)[] {
  const alsoSettled = (e: U) =>
    settled.some(
      (s) => s.orderId === e.orderId && s.amountMinor === e.amountMinor && s.at.getTime() === e.at.getTime(),
    );
  return [...settled, ...unsettled.filter((e) => !alsoSettled(e))].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
}
