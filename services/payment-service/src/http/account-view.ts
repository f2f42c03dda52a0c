import type { AccountRecord } from '../model/account.ts';

/**
 * An account as `GET /accounts/:customerId` shows it: the balance, and the whole ledger that explains
 * it, so that conservation can be checked from outside:
 * `balance + totals.charged - totals.refunded = totals.funded` (the starting balance plus top-ups).
 */
export function accountView(account: AccountRecord) {
  return {
    customerId: account._id,
    balance: account.balance,
    currency: account.currency,
    totals: {
      funded: account.totals.funded,
      charged: account.totals.charged,
      refunded: account.totals.refunded,
    },
    adjustments: account.adjustments.map((a) => ({ setTo: a.setTo, delta: a.delta, at: a.at })),
    charges: account.charges.map((c) => ({
      orderId: c.orderId,
      paymentId: c.paymentId,
      amountMinor: c.amountMinor,
      at: c.at,
    })),
    refunds: account.refunds.map((r) => ({
      orderId: r.orderId,
      refundId: r.refundId,
      amountMinor: r.amountMinor,
      at: r.at,
    })),
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}
