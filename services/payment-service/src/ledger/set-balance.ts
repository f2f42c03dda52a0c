import { isDuplicateKeyError } from '@saga/service-kit';
import { ContentionError } from '../errors/contention-error.ts';
import type { AccountModel, AccountRecord } from '../model/account.ts';
import { planBalanceChange, type BalanceChange } from '../rules/balance-change.ts';

/** How setting a balance ended. */
export type SetBalanceOutcome =
  | { readonly kind: 'created' | 'updated' | 'unchanged'; readonly account: AccountRecord }
  | { readonly kind: 'currency-conflict'; readonly current: string; readonly requested: string };

const MAX_ATTEMPTS = 5;

/**
 * Sets a customer's balance (creating the account on first use) and records the move in the ledger
 * as funding. The update is a compare-and-set on the balance and currency it was planned from, so a
 * charge landing in between cannot be overwritten or left out of the funding: the plan is made again.
 */
export async function setBalance(
  accounts: AccountModel,
  customerId: string,
  change: BalanceChange,
  now: Date,
): Promise<SetBalanceOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await accounts.findById(customerId).lean();
    const plan = planBalanceChange(current, change);
    // A currency conflict, or nothing to change: either way nothing is written.
    if (plan.kind !== 'change') return plan;
    const adjustment = { setTo: change.balance, delta: plan.delta, at: now };
    if (current === null) {
      try {
        const created = await accounts.create({
          _id: customerId,
          balance: change.balance,
          currency: plan.currency,
          totals: { funded: plan.delta, charged: 0, refunded: 0 },
          adjustments: [adjustment],
        });
        return { kind: 'created', account: created.toObject() };
      } catch (error) {
        // Another request created it first: plan again against what it wrote.
        if (isDuplicateKeyError(error)) continue;
        throw error;
      }
    }
    const updated = await accounts
      .findOneAndUpdate(
        { _id: customerId, balance: current.balance, currency: current.currency },
        {
          $set: { balance: change.balance, currency: plan.currency },
          $inc: { 'totals.funded': plan.delta },
          $push: { adjustments: adjustment },
        },
        { returnDocument: 'after' },
      )
      .lean();
    if (updated) return { kind: 'updated', account: updated };
  }
  throw new ContentionError(`account of customer ${customerId}`, MAX_ATTEMPTS);
}
