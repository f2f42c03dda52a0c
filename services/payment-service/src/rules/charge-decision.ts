import type { Money, PaymentFailureReason } from '@saga/contracts';

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
  readonly amount: Money;
}

/** What the debit needs to know of an account, as it is stored. */
export interface AccountState {
  readonly balance: number;
  /** Null until set by the account's owner or adopted from the first charge. */
  readonly currency: string | null;
  readonly charges: readonly { readonly orderId: string; readonly at: Date }[];
}

/** What a charge found when its conditional debit matched nothing. */
export type MissedDebit =
  /** The ledger already holds this order's charge: a crash came between the debit and the payment's update. */
  | { readonly kind: 'already-charged'; readonly at: Date }
  | { readonly kind: 'declined'; readonly decline: Decline }
  /** Nothing explains the miss: the account changed in between (a top-up, say); debit again. */
  | { readonly kind: 'raced' };

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
 * Explains why the debit `{ balance >= amount, currency in [amount's, null], no charge for the order }`
 * matched nothing, from the account read just after it. The order's charge is looked for first: once
 * it is in the ledger, the order is paid, whatever the balance is now.
 */
export function explainMissedDebit(account: AccountState | null, request: ChargeRequest): MissedDebit {
  if (account === null) {
    return {
      kind: 'declined',
      decline: { reason: 'ACCOUNT_NOT_FOUND', detail: `customer ${request.customerId} has no account` },
    };
  }
  const charge = account.charges.find((c) => c.orderId === request.orderId);
  if (charge) return { kind: 'already-charged', at: charge.at };
  const { amountMinor, currency } = request.amount;
  if (account.currency !== null && account.currency !== currency) {
    return {
      kind: 'declined',
      decline: {
        reason: 'PAYMENT_DECLINED',
        detail: `the account of customer ${request.customerId} holds ${account.currency}, the payment is in ${currency}`,
      },
    };
  }
  if (account.balance < amountMinor) {
    return {
      kind: 'declined',
      decline: {
        reason: 'INSUFFICIENT_FUNDS',
        detail: `the balance of ${account.balance} ${currency} minor units is less than the ${amountMinor} asked`,
      },
    };
  }
  return { kind: 'raced' };
}
