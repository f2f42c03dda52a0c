import { arrayElementWith, noArrayElementWith } from '@saga/service-kit';
import type { AccountModel } from '../model/account.ts';
import { LedgerInconsistencyError } from '../errors/ledger-inconsistency-error.ts';

/** An order's refund, to credit back to the account that paid for it. */
export interface CreditRequest {
  readonly customerId: string;
  readonly orderId: string;
  readonly refundId: string;
  readonly amountMinor: number;
}

/**
 * Credits an order's refund to its customer's account, at most once ever: one conditional update
 * that requires the order's charge in the ledger and no refund for it yet, and then gives the money
 * back and writes that refund. Called again (a redelivery, or the sweep after a crash), it finds the
 * refund and reports when it happened, giving nothing.
 *
 * @returns when the credit happened
 * @throws LedgerInconsistencyError when the account does not exist or never paid for the order
 */
export async function creditAccount(
  accounts: AccountModel,
  request: CreditRequest,
  now: Date,
): Promise<Date> {
  const { customerId, orderId, refundId, amountMinor } = request;
  const { matchedCount: credited } = await accounts.updateOne(
    // arrayElementWith, not a plain 'charges.orderId' equality, which matches nothing in an update on
    // FerretDB over PostgreSQL (see there).
    {
      _id: customerId,
      ...arrayElementWith({ 'charges.orderId': orderId }),
      ...noArrayElementWith({ 'refunds.orderId': orderId }),
    },
    {
      $inc: { balance: amountMinor, 'totals.refunded': amountMinor },
      $push: { refunds: { orderId, refundId, amountMinor, at: now } },
    },
  );
  if (credited === 1) return now;
  const account = await accounts.findById(customerId, { charges: 1, refunds: 1 }).lean();
  const refund = account?.refunds.find((r) => r.orderId === orderId);
  if (refund) return refund.at;
  throw new LedgerInconsistencyError(
    customerId,
    orderId,
    account
      ? 'a refund was asked for, but the account never paid for the order'
      : 'the account does not exist',
  );
}
