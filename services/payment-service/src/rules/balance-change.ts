import { decision, type Decision } from '@saga/service-kit';

/** What an administrator asks with `PUT /accounts/:customerId`: the balance to have from now on. */
export interface BalanceChange {
  /** In minor units of the account's currency. */
  readonly balance: number;
  /** Optional: fixes the account's currency, which cannot change once set. */
  readonly currency?: string | undefined;
}

/** What such a request means for an account as it is now (null: it does not exist yet). */
export type BalancePlan<A> =
  | {
      readonly kind: 'change';
      /** What the balance moves by: the funding the ledger records (negative when lowered). */
      readonly delta: number;
      readonly currency: string | null;
    }
  /** The account already is as asked: nothing to write, nothing to record. */
  | { readonly kind: 'unchanged'; readonly account: A }
  | { readonly kind: 'currency-conflict'; readonly current: string; readonly requested: string };

/**
 * Plans a balance change. The balance is set, not added to, so that the call is idempotent; the
 * ledger keeps the difference, so that `balance = funded - charged + refunded` still holds. A currency
 * is set once (by this call or by the first charge) and never changed: the balance and every ledger
 * entry are minor units of it.
 */
export function planBalanceChange<A extends { readonly balance: number; readonly currency: string | null }>(
  current: A | null,
  change: BalanceChange,
): BalancePlan<A> {
  if (current?.currency != null && change.currency !== undefined && change.currency !== current.currency) {
    return { kind: 'currency-conflict', current: current.currency, requested: change.currency };
  }
  const currency = current?.currency ?? change.currency ?? null;
  if (current !== null && current.balance === change.balance && current.currency === currency) {
    return { kind: 'unchanged', account: current };
  }
  return { kind: 'change', delta: change.balance - (current?.balance ?? 0), currency };
}

/** What setting a balance came to, as the decision's result (the account written is the runtime's). */
export type BalanceResult =
  | { readonly kind: 'created' | 'updated' | 'unchanged' }
  | { readonly kind: 'currency-conflict'; readonly current: string; readonly requested: string };

/** An account as the balance change reads it. */
export interface BalancedAccountState {
  readonly balance: number;
  readonly currency: string | null;
}

/**
 * The account's decision table for `PUT /accounts/:customerId`: create it funded with the balance,
 * or move its balance to the one asked and record the difference as funding, or write nothing (as
 * asked already, or another currency). The update is guarded by the balance and currency it was
 * planned from, so a charge another process lands in between cannot be overwritten or left out of
 * the funding: the runtime plans again on a fresh read.
 */
export function decideBalanceChange(
  account: BalancedAccountState | null,
  change: BalanceChange,
  now: Date,
): Decision<BalanceResult> {
  const plan = planBalanceChange(account, change);
  if (plan.kind === 'currency-conflict') return decision.none(plan);
  if (plan.kind === 'unchanged') return decision.none({ kind: 'unchanged' });
  const adjustment = { setTo: change.balance, delta: plan.delta, at: now };
  if (account === null) {
    return decision.insert(
      {
        balance: change.balance,
        currency: plan.currency,
        totals: { funded: plan.delta, charged: 0, refunded: 0 },
        adjustments: [adjustment],
      },
      { kind: 'created' },
    );
  }
  return decision.update(
    {
      $set: { balance: change.balance, currency: plan.currency },
      $inc: { 'totals.funded': plan.delta },
      $push: { adjustments: adjustment },
    },
    { kind: 'updated' },
    { guard: { balance: account.balance, currency: account.currency } },
  );
}
