import mongoose from 'mongoose';
import { noArrayElementWith } from '@saga/service-kit';
import type { AccountModel } from '../model/account.ts';
import {
  explainMissedDebit,
  invalidCharge,
  type ChargeRequest,
  type Decline,
} from '../rules/charge-decision.ts';
import { ContentionError } from '../errors/contention-error.ts';

/** How a debit ended: the order is paid (now, or by an earlier attempt), or it cannot be. */
export type DebitOutcome =
  { readonly kind: 'charged'; readonly at: Date } | { readonly kind: 'declined'; readonly decline: Decline };

/** A miss that nothing explains means a concurrent change; this many in a row is no longer bad luck. */
const MAX_ATTEMPTS = 5;

/**
 * Debits an order's charge from its customer's account, at most once ever: one conditional update of
 * the account document that checks the funds and the currency and that the ledger holds no charge for
 * the order yet, and then takes the money and writes that charge. Called again for the same order (a
 * redelivery, or the sweep after a crash), it finds the charge and reports the order as paid, taking
 * nothing. A first charge also fixes an account's currency when it had none.
 */
export async function debitAccount(
  accounts: AccountModel,
  request: ChargeRequest & { readonly paymentId: string },
  now: Date,
): Promise<DebitOutcome> {
  const invalid = invalidCharge(request.amount);
  if (invalid) return { kind: 'declined', decline: invalid };
  const { amountMinor, currency } = request.amount;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { matchedCount: debited } = await accounts.updateOne(
      {
        _id: request.customerId,
        balance: mongoose.trusted({ $gte: amountMinor }),
        currency: mongoose.trusted({ $in: [currency, null] }),
        ...noArrayElementWith({ 'charges.orderId': request.orderId }),
      },
      {
        $inc: { balance: -amountMinor, 'totals.charged': amountMinor },
        $push: {
          charges: { orderId: request.orderId, paymentId: request.paymentId, amountMinor, at: now },
        },
        $set: { currency },
      },
    );
    if (debited === 1) return { kind: 'charged', at: now };
    const account = await accounts
      .findById(request.customerId, { balance: 1, currency: 1, charges: 1 })
      .lean();
    const missed = explainMissedDebit(account, request);
    if (missed.kind === 'already-charged') return { kind: 'charged', at: missed.at };
    if (missed.kind === 'declined') return missed;
  }
  throw new ContentionError(`account of customer ${request.customerId}`, MAX_ATTEMPTS);
}
