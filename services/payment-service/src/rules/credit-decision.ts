import { decision, noArrayElementWith, type Decision } from '@saga/service-kit';
import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';
import type { SettledEntry } from './charge-decision.ts';

/** An order's refund, to credit back to the account that paid for it. */
export interface CreditRequest {
  readonly customerId: string;
  readonly orderId: string;
  readonly refundId: string;
  readonly amountMinor: number;
}

/** What the credit needs to know of an account, as it is stored: its unsettled entries. */
export interface CreditedAccountState {
  readonly charges: readonly { readonly orderId: string }[];
  readonly refunds: readonly { readonly orderId: string; readonly at: Date }[];
}

/** The order's entries as settled in `ledger_entries`, which the caller looked up by their `_id`. */
export interface SettledOrderEntries {
  readonly charge: SettledEntry;
  readonly refund: SettledEntry;
}

/**
 * The account's decision table for an order's refund, at most once ever. Once the order's refund is
 * recorded, settled in `ledger_entries` or still unsettled in the account (a redelivery, or a crash
 * before the payment's update), the result is when it happened, and nothing is given again.
 * Otherwise, if the account paid for the order (its charge settled or unsettled), one update gives the
 * money back and pushes the refund entry into the account (settled right after), guarded by the
 * absence of an unsettled refund. The charge is not in the guard: once recorded, a charge is never
 * taken back, it only moves from the account to `ledger_entries`, so it cannot go missing meanwhile.
 *
 * @returns (as the decision's result) when the credit happened
 * @throws LedgerInconsistencyError when the account does not exist or never paid for the order
 */
export function decideCredit(
  account: CreditedAccountState | null,
  settled: SettledOrderEntries,
  request: CreditRequest,
  now: Date,
): Decision<Date> {
  const { customerId, orderId, refundId, amountMinor } = request;
  if (account === null) throw new LedgerInconsistencyError(customerId, orderId, 'the account does not exist');
  const refund = settled.refund ?? account.refunds.find((r) => r.orderId === orderId);
  if (refund) return decision.none(refund.at);
  if (settled.charge === null && !account.charges.some((c) => c.orderId === orderId)) {
    throw new LedgerInconsistencyError(
      customerId,
      orderId,
      'a refund was asked for, but the account never paid for the order',
    );
  }
  return decision.update(
    {
      $inc: { balance: amountMinor, 'totals.refunded': amountMinor },
      $push: { refunds: { orderId, refundId, amountMinor, at: now } },
    },
    now,
    { guard: noArrayElementWith({ 'refunds.orderId': orderId }) },
  );
}
