import mongoose from 'mongoose';
import {
  InventoryFailureReasonSymbols,
  CancelReasonSymbols,
  type CancelReason,
  type Money,
  type PricedLine,
} from '@saga/contracts';
import {
  aggregateFields,
  archiveWhenFinished,
  type AggregateFields,
  type FinishedArchive,
} from '@saga/service-kit';
import type { ReservationFailure } from '../domain/reservation-failure.ts';
import type { ReservationLine } from '../domain/reservation-line.ts';
import { reservationStatuses, type ReservationStatus } from '../domain/reservation-status.ts';

/**
 * One order's reservation: the state machine of its stock (see reservation-status.ts), persisted so
 * that a crash between two writes leaves a status that says what is left to do. Which SKUs hold stock
 * for it is not copied here: the holds on the SKU documents are the only record of that, since a copy
 * would be a second write that a crash could leave out of step.
 */
export interface ReservationDocument extends AggregateFields {
  /** The order id: one reservation per order. */
  _id: string;
  /** Given to the saga in `inventory.reserved`; commit and release name it. */
  reservationId: string;
  /** The saga that asked; replies carry it back. */
  sagaId: string;
  status: ReservationStatus;
  /** What to hold, one line per SKU, fixed when the reservation is created. */
  lines: ReservationLine[];
  /**
   * The currency the order is placed in, from the reserve command: every line's catalogue price must
   * be in it. Null when the command named none; absent on reservations from before prices.
   */
  currency?: string | null;
  /**
   * The lines at the catalogue price each was held at, and their total; set on the way to RESERVED,
   * so every `inventory.reserved` for the reservation says the same. Absent on reservations from
   * before prices.
   */
  pricedLines?: PricedLine[];
  total?: Money | null;
  /** Why it failed; set on the way to ROLLING_BACK (or FAILED at once), so recovery reports the same. */
  failure: ReservationFailure | null;
  /** From the commit command, for the audit trail. */
  paymentId: string | null;
  /** From the release command, for the audit trail. */
  releaseReason: CancelReason | null;
  /** Trace of the command that started the current step: its reply joins that trace, even after a crash. */
  traceparent: string;
  reservedAt: Date | null;
  failedAt: Date | null;
  committedAt: Date | null;
  releasedAt: Date | null;
  createdAt: Date;
  /** Every status change touches it; the recovery sweep only takes reservations idle for a while. */
  updatedAt: Date;
}

const lineSchema = new mongoose.Schema<ReservationLine>(
  {
    sku: { type: String, required: true },
    quantity: { type: Number, required: true },
  },
  { _id: false, id: false },
);

const moneySchema = new mongoose.Schema<Money>(
  {
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
  },
  { _id: false, id: false },
);

const pricedLineSchema = new mongoose.Schema<PricedLine>(
  {
    sku: { type: String, required: true },
    quantity: { type: Number, required: true },
    unitPrice: { type: moneySchema, required: true },
  },
  { _id: false, id: false },
);

const failureSchema = new mongoose.Schema<ReservationFailure>(
  {
    reason: { type: String, enum: InventoryFailureReasonSymbols, required: true },
    unavailableSkus: { type: [String], default: [] },
  },
  { _id: false, id: false },
);

export const reservationSchema = new mongoose.Schema<ReservationDocument>(
  {
    _id: { type: String, required: true },
    reservationId: { type: String, required: true },
    sagaId: { type: String, required: true },
    status: { type: String, enum: reservationStatuses, required: true },
    lines: { type: [lineSchema], default: [] },
    currency: { type: String, default: null },
    pricedLines: { type: [pricedLineSchema], default: [] },
    total: { type: moneySchema, default: null },
    failure: { type: failureSchema, default: null },
    paymentId: { type: String, default: null },
    releaseReason: { type: String, enum: CancelReasonSymbols, default: null },
    traceparent: { type: String, required: true },
    reservedAt: { type: Date, default: null },
    failedAt: { type: Date, default: null },
    committedAt: { type: Date, default: null },
    releasedAt: { type: Date, default: null },
  },
  { collection: 'reservations', timestamps: true, versionKey: false, id: false },
);

// processedMessageIds and outbox: what the aggregate runtime and the outbox relay keep beside the state.
reservationSchema.plugin(aggregateFields);

/**
 * Reservations that hold nothing any more and take no further command (FAILED, COMMITTED, RELEASED)
 * move here once their reply is sent, so the collection every command reads holds work in flight
 * only. A late command for one (a repeated release, a reserve after the release marker) is decided
 * on the archived copy by the aggregate runtime and answered as before.
 */
export const finishedReservationsCollection = 'reservations_finished';
const finishedStatuses: readonly ReservationStatus[] = ['FAILED', 'COMMITTED', 'RELEASED'];
reservationSchema.plugin(archiveWhenFinished, {
  collection: finishedReservationsCollection,
  finished: { status: { $in: finishedStatuses } },
  isFinished: (reservation: Readonly<Record<string, unknown>>) =>
    finishedStatuses.includes(reservation.status as ReservationStatus),
} satisfies FinishedArchive);

// The recovery sweep's query: in-flight reservations idle for a while.
reservationSchema.index({ status: 1, updatedAt: 1 });

export type ReservationModel = mongoose.Model<ReservationDocument>;

/** The Reservation model on `db`, registered once per connection. */
export function reservationModel(db: mongoose.Connection): ReservationModel {
  return (
    (db.models.Reservation as ReservationModel | undefined) ??
    db.model<ReservationDocument>('Reservation', reservationSchema)
  );
}
