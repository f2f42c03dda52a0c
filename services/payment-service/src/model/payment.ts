import mongoose from 'mongoose';
import type { Money, PaymentFailureReason } from '@saga/contracts';
import {
  aggregateFields,
  archiveWhenFinished,
  type AggregateFields,
  type FinishedArchive,
} from '@saga/service-kit';
import { paymentStatuses, type PaymentStatus } from '../rules/payment-status.ts';
import { moneySchema } from './money-schema.ts';

/** The refund of a payment, once one was asked for. */
export interface RefundRecord {
  /** Fixed when the refund starts, so that every reply about it names the same refund. */
  refundId: string;
  /** The saga that asked; the start-up sweep answers it. */
  sagaId: string;
  /** What goes back: all that was charged, or nothing when nothing was. */
  amount: Money;
  requestedAt: Date;
  /** Null while REFUNDING. */
  refundedAt: Date | null;
}

/** A return of some of the order's lines refunded: credited to the account once, recorded here once. */
export interface ReturnRefundRecord {
  returnId: string;
  refundId: string;
  /** The return saga that asked first. */
  sagaId: string;
  amount: Money;
  refundedAt: Date;
}

/**
 * One order's payment: the record of the charge and its state, with the replies it owes in its
 * outbox and the ids of the messages already applied to it (the aggregate runtime's fields). The id
 * is the order id, so a second request for the same order finds this one instead of charging again.
 */
export interface PaymentRecord extends AggregateFields {
  /** The order id. */
  _id: string;
  /** The payment's own id (a uuid), which payment.success announces and a refund names. */
  paymentId: string;
  /** The saga that asked first; the start-up sweep answers it. */
  sagaId: string;
  /** Null only for an order whose refund came before any request (see `cancelledPayment` in rules/new-payment.ts). */
  customerId: string | null;
  amount: Money;
  status: PaymentStatus;
  /** Set when FAILED. */
  reason: PaymentFailureReason | null;
  detail: string | null;
  requestedAt: Date;
  /** When the account was debited; set when SUCCEEDED (and kept through a refund). */
  paidAt: Date | null;
  failedAt: Date | null;
  refund: RefundRecord | null;
  /** The returns refunded from this payment (never more in all than it charged); absent until the first. */
  returnRefunds?: ReturnRefundRecord[];
  createdAt: Date;
  updatedAt: Date;
}

export type PaymentModel = mongoose.Model<PaymentRecord>;

const refundSchema = new mongoose.Schema<RefundRecord>(
  {
    refundId: { type: String, required: true },
    sagaId: { type: String, required: true },
    amount: { type: moneySchema, required: true },
    requestedAt: { type: Date, required: true },
    refundedAt: { type: Date, default: null },
  },
  { _id: false, id: false },
);

const returnRefundRecordSchema = new mongoose.Schema<ReturnRefundRecord>(
  {
    returnId: { type: String, required: true },
    refundId: { type: String, required: true },
    sagaId: { type: String, required: true },
    amount: { type: moneySchema, required: true },
    refundedAt: { type: Date, required: true },
  },
  { _id: false, id: false },
);

const paymentSchema = new mongoose.Schema<PaymentRecord>(
  {
    _id: { type: String, required: true },
    paymentId: { type: String, required: true },
    sagaId: { type: String, required: true },
    customerId: { type: String, default: null },
    amount: { type: moneySchema, required: true },
    status: { type: String, enum: paymentStatuses, required: true },
    reason: { type: String, default: null },
    detail: { type: String, default: null },
    requestedAt: { type: Date, required: true },
    paidAt: { type: Date, default: null },
    failedAt: { type: Date, default: null },
    refund: { type: refundSchema, default: null },
    returnRefunds: { type: [returnRefundRecordSchema], default: undefined },
  },
  { collection: 'payments', timestamps: true, id: false },
);
// `processedMessageIds` and `outbox`: a payment is an aggregate, written only by service-kit's runtime.
paymentSchema.plugin(aggregateFields);

/**
 * Payments decided for good, or refunded, move here once their reply is sent, so the collection
 * every request reads holds payments in flight only. A refund of a SUCCEEDED one is decided on the
 * archived copy, which the aggregate runtime brings back to change.
 */
export const finishedPaymentsCollection = 'payments_finished';
const finishedStatuses: readonly PaymentStatus[] = ['SUCCEEDED', 'FAILED', 'REFUNDED'];
paymentSchema.plugin(archiveWhenFinished, {
  collection: finishedPaymentsCollection,
  finished: { status: { $in: finishedStatuses } },
  isFinished: (payment: Readonly<Record<string, unknown>>) =>
    finishedStatuses.includes(payment.status as PaymentStatus),
} satisfies FinishedArchive);

// The start-up sweep looks for the few payments a crash left PENDING or REFUNDING.
paymentSchema.index({ status: 1 });

/** The payments model on a service's connection (made once per connection). */
export function paymentModel(db: mongoose.Connection): PaymentModel {
  return (db.models.Payment as PaymentModel | undefined) ?? db.model<PaymentRecord>('Payment', paymentSchema);
}
