import mongoose from 'mongoose';
import { CancelReasonSymbols, ReturnRejectReasonSymbols } from '@saga/contracts';
import {
  aggregateFields,
  archiveWhenFinished,
  type ArchiveIndex,
  type FinishedArchive,
} from '@saga/service-kit';
import type { OrderLine } from '../domain/order-line.ts';
import type { PricedLine } from '../domain/priced-line.ts';
import { isTerminal, orderStatuses, type OrderStatus } from '../domain/order-status.ts';
import { returnStatuses, type OrderReturn } from '../returns/order-return.ts';
import type { OrderDocument } from './order-document.ts';

const orderLineSchema = new mongoose.Schema<OrderLine>(
  {
    sku: { type: String, required: true },
    quantity: { type: Number, required: true },
  },
  { _id: false, id: false },
);

const pricedLineSchema = new mongoose.Schema<PricedLine>(
  {
    sku: { type: String, required: true },
    quantity: { type: Number, required: true },
    unitPrice: { type: Number, required: true },
  },
  { _id: false, id: false },
);

const orderReturnSchema = new mongoose.Schema<OrderReturn>(
  {
    returnId: { type: String, required: true },
    status: { type: String, enum: returnStatuses, required: true },
    items: { type: [orderLineSchema], required: true },
    pricedLines: { type: [pricedLineSchema], default: [] },
    refunded: { type: Number, default: null },
    rejectReason: { type: String, enum: [...ReturnRejectReasonSymbols, null], default: null },
    rejectDetail: { type: String, default: null },
    sagaId: { type: String, default: null },
    idempotencyKey: { type: String, default: null },
    requestedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { _id: false, id: false },
);

const orderSchema = new mongoose.Schema<OrderDocument>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    currency: { type: String, required: true },
    items: { type: [orderLineSchema], required: true },
    pricedLines: { type: [pricedLineSchema], default: [] },
    total: { type: Number, default: null },
    status: { type: String, enum: orderStatuses, required: true },
    cancelReason: { type: String, enum: [...CancelReasonSymbols, null], default: null },
    cancelDetail: { type: String, default: null },
    sagaId: { type: String, default: null },
    idempotencyKey: { type: String, default: null },
    requestFingerprint: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    traceparent: { type: String },
    // The PENDING-order sweep's bookkeeping (pending-order-redrive.ts); absent on most orders.
    redrives: { type: Number },
    redrivenAt: { type: Date },
    attention: {
      type: new mongoose.Schema(
        { reason: { type: String, required: true }, detail: { type: String, required: true }, at: Date },
        { _id: false, id: false },
      ),
      default: undefined,
    },
    returns: { type: [orderReturnSchema], default: undefined },
  },
  // Versioning would add a `__v` that no update here maintains; the status filter guards concurrent writes instead.
  { collection: 'orders', versionKey: false, id: false },
);

// The message ids applied and the outbox, as the aggregate runtime and the relay keep them.
orderSchema.plugin(aggregateFields);

// The list endpoint's three shapes of query, newest first with the id as tie-breaker (the cursor's order).
// It reads both collections alike, so the archive has them too.
const listIndexes: readonly ArchiveIndex[] = [
  { key: { createdAt: -1, _id: -1 } },
  { key: { customerId: 1, createdAt: -1, _id: -1 } },
  { key: { status: 1, createdAt: -1, _id: -1 } },
];
for (const { key } of listIndexes) orderSchema.index(key);

/** Where settled orders go once their order.created is sent: the views read it, the hot path does not. */
export const finishedOrdersCollection = 'orders_finished';

/**
 * Settled (CONFIRMED or CANCELLED, the terminal statuses): no decision changes them any more, so a
 * late or redelivered saga command is answered from the archived copy by the aggregate runtime, and a
 * replayed Idempotency-Key finds its order there.
 */
const finishedStatuses: readonly OrderStatus[] = orderStatuses.filter(isTerminal);
orderSchema.plugin(archiveWhenFinished, {
  collection: finishedOrdersCollection,
  finished: { status: { $in: finishedStatuses } },
  isFinished: (order: Readonly<Record<string, unknown>>) =>
    finishedStatuses.includes(order.status as OrderStatus),
  indexes: listIndexes,
} satisfies FinishedArchive);

/** The Order model on a service's connection; calling it again on that connection returns the same model. */
export function orderModel(db: mongoose.Connection) {
  return db.model<OrderDocument>('Order', orderSchema);
}

export type OrderModel = ReturnType<typeof orderModel>;
