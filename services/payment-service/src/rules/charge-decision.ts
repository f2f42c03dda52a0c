import mongoose from 'mongoose';
import type { Money, PaymentFailureReason } from '@saga/contracts';
import { decision, noArrayElementWith, type Decision } from '@saga/service-kit';

/** Why a charge was refused, as the payment.failed reply carries it. */
export interface Decline {
  readonly reason: PaymentFailureReason;
  /** For support staff: what exactly was wrong. */
  readonly detail: string;
}

/** The charge one order asks of one customer's account. */
export interface ChargeRequest {
  readonly customerId: string;
  readonly orderId: string;
  /** The payment's id, written into the ledger's charge entry. */
  readonly paymentId: string;
  readonly amount: Money;
}

/** What the debit needs to know of an account, as it is stored. */
export interface AccountState {
  readonly balance: number;
  /** Null until set by the account's owner or adopted from the first charge. */
  readonly currency: string | null;
  /** The charges not settled yet (the settled ones are in `ledger_entries`). */
  readonly charges: readonly { readonly orderId: string; readonly at: Date }[];
}

/** An order's charge or refund as settled in `ledger_entries`, found by its `_id`; null when there is none. */
export type SettledEntry = { readonly at: Date } | null;

/** How a debit ended: the order is paid (now, or by an earlier attempt), or it cannot be. */
export type DebitOutcome =
  { readonly kind: 'charged'; readonly at: Date } | { readonly kind: 'declined'; readonly decline: Decline };

const CURRENCY = /^[A-Z]{3}$/;

/**
 * Refuses a charge that no account could pay, before touching any: a negative or fractional amount
 * (a negative debit would be a credit) or something that is not an ISO 4217 code (it would become
 * the account's currency). Zero is a valid charge: an order of free items is paid by nothing.
 */
export function invalidCharge(amount: Money): Decline | undefined {
  if (!Number.isSafeInteger(amount.amountMinor) || amount.amountMinor < 0) {
    return {
      reason: 'PAYMENT_DECLINED',
      detail: `the amount must be a whole, non-negative number of minor units, not ${amount.amountMinor}`,
    };
  }
  if (!CURRENCY.test(amount.currency)) {
    return {
      reason: 'PAYMENT_DECLINED',
      detail: `the currency must be an ISO 4217 code such as EUR, not "${amount.currency}"`,
    };
  }
  return undefined;
}

/**
 * The account's decision table for an order's charge, at most once ever. The order's charge is looked
 * for first, in both places it can be: settled in `ledger_entries` (`settled`, which the caller looked
 * up by its `_id`), or still unsettled in the account. Once it is in either (a crash came between the
 * debit and the payment's update), the order is paid, whatever the balance is now, and nothing is
 * taken again. Otherwise the account pays if it exists, holds the amount's currency (or none yet: the
 * first charge fixes it) and covers the amount: one update takes the money and pushes the charge entry
 * into the account, the ledger marker (settled right after, see ledger/settle-entries.ts). Its guard is
 * the debit's condition on the account, `{balance ≥ amount, currency ∈ [amount's, null], no unsettled
 * charge for the order}`, so a write in between can neither overdraw the account nor charge twice. A
 * settled charge needs no guard: it is never removed, and settling runs only as the account's writer,
 * which the caller holds from its lookup to this write (debit-account.ts says why that suffices).
 */
export function decideDebit(
  account: AccountState | null,
  settled: SettledEntry,
  request: ChargeRequest,
  now: Date,
): Decision<DebitOutcome> {
  const invalid = invalidCharge(request.amount);
  if (invalid) return decision.none({ kind: 'declined', decline: invalid });
  // Before the account's existence: an order charged is paid, even if its account was since removed by hand.
  if (settled !== null) return decision.none({ kind: 'charged', at: settled.at });
  if (account === null) {
    return decision.none({
      kind: 'declined',
      decline: { reason: 'ACCOUNT_NOT_FOUND', detail: `customer ${request.customerId} has no account` },
    });
  }
  const charge = account.charges.find((c) => c.orderId === request.orderId);
  if (charge) return decision.none({ kind: 'charged', at: charge.at });
  const { amountMinor, currency } = request.amount;
  if (account.currency !== null && account.currency !== currency) {
    return decision.none({
      kind: 'declined',
      decline: {
        reason: 'PAYMENT_DECLINED',
        detail: `the account of customer ${request.customerId} holds ${account.currency}, the payment is in ${currency}`,
      },
    });
  }
  if (account.balance < amountMinor) {
    return decision.none({
      kind: 'declined',
      decline: {
        reason: 'INSUFFICIENT_FUNDS',
        detail: `the balance of ${account.balance} ${currency} minor units is less than the ${amountMinor} asked`,
      },
    });
  }
  return decision.update(
    {
      $inc: { balance: -amountMinor, 'totals.charged': amountMinor },
      $push: { charges: { orderId: request.orderId, paymentId: request.paymentId, amountMinor, at: now } },
      $set: { currency },
    },
    { kind: 'charged', at: now },
    {
      guard: {
        balance: mongoose.trusted({ $gte: amountMinor }),
        currency: mongoose.trusted({ $in: [currency, null] }),
        ...noArrayElementWith({ 'charges.orderId': request.orderId }),
      },
    },
  );
}
