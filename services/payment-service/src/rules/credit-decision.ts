import { decision, noArrayElementWith, type Decision } from '@saga/service-kit';
import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';

/** An order's refund, to credit back to the account that paid for it. */
export interface CreditRequest {
  readonly customerId: string;
  readonly orderId: string;
  readonly refundId: string;
  readonly amountMinor: number;
}

/** What the credit needs to know of an account, as it is stored. */
export interface CreditedAccountState {
  readonly charges: readonly { readonly orderId: string }[];
  readonly refunds: readonly { readonly orderId: string; readonly at: Date }[];
}

/**
 * The account's decision table for an order's refund, at most once ever. Once the order's refund is
 * in the ledger (a redelivery, or a crash before the payment's update), the result is when it
 * happened, and nothing is given again. Otherwise one update gives the money back and writes the
 * refund entry, guarded by the order's charge and the absence of its refund.
 *
 * @returns (as the decision's result) when the credit happened
 * @throws LedgerInconsistencyError when the account does not exist or never paid for the order
 */
export function decideCredit(
  account: CreditedAccountState | null,
  request: CreditRequest,
  now: Date,
): Decision<Date> {
  const { customerId, orderId, refundId, amountMinor } = request;
  if (account === null) throw new LedgerInconsistencyError(customerId, orderId, 'the account does not exist');
  const refund = account.refunds.find((r) => r.orderId === orderId);
  if (refund) return decision.none(refund.at);
  if (!account.charges.some((c) => c.orderId === orderId)) {
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
    { guard: { 'charges.orderId': orderId, ...noArrayElementWith({ 'refunds.orderId': orderId }) } },
  );
}
