import mongoose from 'mongoose';

/** What one `PUT /accounts/:customerId` did: the balance it set and how far that moved it. */
export interface Adjustment {
  setTo: number;
  /** Counted as funding: starting balance, top-ups, and (negative) reductions. */
  delta: number;
  at: Date;
}

/**
 * The ledger marker of an order's charge while it is unsettled: pushed in the update that takes the
 * money, so its presence (here, or settled in `ledger_entries`) is what makes the debit happen once.
 */
export interface Charge {
  orderId: string;
  paymentId: string;
  amountMinor: number;
  at: Date;
}

/**
 * A return's refund credited to the account: kept here for good, as the marker that makes a return's
 * refund happen once (returns are rare beside charges, so the document grows slowly), counted in
 * `totals.returnRefunded`.
 */
export interface ReturnRefund {
  orderId: string;
  returnId: string;
  refundId: string;
  amountMinor: number;
  at: Date;
}

/** Whether an account takes payments and refunds: a CLOSED one refuses a return's refund (and is reopened by admin). */
export type AccountStatus = 'OPEN' | 'CLOSED';

/** The ledger marker of an order's refund while it is unsettled (see Charge). */
export interface Refund {
  orderId: string;
  refundId: string;
  amountMinor: number;
  at: Date;
}

/**
 * A customer's account: the balance, its running totals, and the ledger entries not settled yet, in
 * one document, so that every change to the balance and its ledger entry are one atomic update. Right
 * after that update, as the account's writer, the entry is settled: recorded in `ledger_entries`
 * (model/ledger-entry.ts), then removed from here (ledger/settle-entries.ts). So the document does not
 * grow with the customer's history, and a charge reads and writes only what is in flight. At all times
 * `balance = totals.funded - totals.charged + totals.refunded + totals.returnRefunded`, and `totals.charged` (`refunded`) is
 * the sum of the charges (refunds) here and in `ledger_entries`, an entry in both counted once.
 *
 * Written only through service-kit's aggregate runtime, but without its `aggregateFields`: no message
 * is applied to an account (its dedupe is the order's charge or refund marker, in the guard), and it
 * owes no replies (they leave through the payment's outbox). Without an `outbox` path the relay does
 * not poll the accounts collection either.
 */
export interface AccountRecord {
  /** The customer id. */
  _id: string;
  /** Minor units of `currency`; never negative (a debit requires `balance >= amount`). */
  balance: number;
  /** Set by the first PUT that names one, or adopted from the first charge; never changed after. */
  currency: string | null;
  totals: { funded: number; charged: number; refunded: number; returnRefunded?: number };
  /** OPEN unless admin closed it (`PUT /accounts/:customerId {"status": "CLOSED"}`); absent reads OPEN. */
  status?: AccountStatus;
  /** Returns' refunds credited (see ReturnRefund); absent until the first. */
  returnRefunds?: ReturnRefund[];
  /**
   * Every balance an administrator set. Kept here for good: they are rare (one per PUT, by hand), and
   * no charge or refund dedupes on them, so they do not make the hot path grow.
   */
  adjustments: Adjustment[];
  /** Charges not settled yet: empty but for the moment between the debit and its settlement, or after a crash there. */
  charges: Charge[];
  /** Refunds not settled yet (see `charges`). */
  refunds: Refund[];
  createdAt: Date;
  updatedAt: Date;
}

export type AccountModel = mongoose.Model<AccountRecord>;

const adjustmentSchema = new mongoose.Schema<Adjustment>(
  {
    setTo: { type: Number, required: true },
    delta: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { _id: false, id: false },
);

const chargeSchema = new mongoose.Schema<Charge>(
  {
    orderId: { type: String, required: true },
    paymentId: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { _id: false, id: false },
);

const refundSchema = new mongoose.Schema<Refund>(
  {
    orderId: { type: String, required: true },
    refundId: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { _id: false, id: false },
);

const returnRefundSchema = new mongoose.Schema<ReturnRefund>(
  {
    orderId: { type: String, required: true },
    returnId: { type: String, required: true },
    refundId: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { _id: false, id: false },
);

const accountSchema = new mongoose.Schema<AccountRecord>(
  {
    _id: { type: String, required: true },
    balance: { type: Number, required: true },
    currency: { type: String, default: null },
    totals: {
      funded: { type: Number, default: 0 },
      charged: { type: Number, default: 0 },
      refunded: { type: Number, default: 0 },
      returnRefunded: { type: Number },
    },
    status: { type: String, enum: ['OPEN', 'CLOSED'] },
    returnRefunds: { type: [returnRefundSchema], default: undefined },
    adjustments: { type: [adjustmentSchema], default: [] },
    charges: { type: [chargeSchema], default: [] },
    refunds: { type: [refundSchema], default: [] },
  },
  { collection: 'accounts', timestamps: true, id: false },
);

/** The accounts model on a service's connection (made once per connection). */
export function accountModel(db: mongoose.Connection): AccountModel {
  return (db.models.Account as AccountModel | undefined) ?? db.model<AccountRecord>('Account', accountSchema);
}
