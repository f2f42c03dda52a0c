import mongoose from 'mongoose';
import { uuidV5 } from '@saga/service-kit';

/** What an entry records: an order's charge of the account, or its refund. */
export const ledgerEntryKinds = ['charge', 'refund'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

/**
 * The namespace of ledger entry ids. Fixed forever: changing it would give an entry settled again
 * (after a crash) another `_id`, i.e. a second entry for the same charge or refund.
 */
export const LEDGER_ENTRY_NAMESPACE = 'b2eca0fd-523c-46de-aeff-6ef7f2df8ac3';

/**
 * The `_id` of the (customer, order, kind) entry: the same three always give the same id, so settling
 * an entry again after a crash collides with the first insert instead of recording it twice. Derived
 * from the JSON of the three, so no customer or order id, whatever characters it holds, can make
 * another triple's name.
 */
export function ledgerEntryId(customerId: string, orderId: string, kind: LedgerEntryKind): string {
  return uuidV5(JSON.stringify([customerId, orderId, kind]), LEDGER_ENTRY_NAMESPACE);
}

/**
 * A settled entry of a customer's ledger: an order's charge or refund, moved out of the account
 * document once recorded here, so that the account (which every charge reads and writes) stays as
 * small as the work in flight, whatever the customer's history. Only the account view, the charge's
 * and the refund's dedupe (by `_id`) and operators read it; entries are never changed or removed.
 *
 * Written only as its account's single writer (ledger/settle-entries.ts), through the aggregate
 * runtime, but without its `aggregateFields`: no message is applied to an entry and it owes no replies.
 */
export interface LedgerEntryRecord {
  /** ledgerEntryId(customerId, orderId, kind). */
  _id: string;
  customerId: string;
  orderId: string;
  kind: LedgerEntryKind;
  /** A charge's payment id (absent for a refund). */
  paymentId?: string;
  /** A refund's id (absent for a charge). */
  refundId?: string;
  amountMinor: number;
  /** When the money moved: the time of the account update that pushed the entry, not of its settlement. */
  at: Date;
}

export type LedgerEntryModel = mongoose.Model<LedgerEntryRecord>;

const ledgerEntrySchema = new mongoose.Schema<LedgerEntryRecord>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    orderId: { type: String, required: true },
    kind: { type: String, enum: ledgerEntryKinds, required: true },
    paymentId: { type: String },
    refundId: { type: String },
    amountMinor: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'ledger_entries', id: false, versionKey: false },
);

// One entry per (customer, order, kind), whatever computes the `_id`: a second charge of an order can
// never be settled beside the first. The `_id` is what the write path looks up; this is the rule.
ledgerEntrySchema.index({ customerId: 1, orderId: 1, kind: 1 }, { unique: true });
// The account view lists a customer's entries. A single-field index: FerretDB on PostgreSQL serves a
// lookup from single-field indexes only (their GIN twins, see stack/src/pieces/postgres-lookup-indexes.ts).
ledgerEntrySchema.index({ customerId: 1 });

/** The ledger entries model on a service's connection (made once per connection). */
export function ledgerEntryModel(db: mongoose.Connection): LedgerEntryModel {
  return (
    (db.models.LedgerEntry as LedgerEntryModel | undefined) ??
    db.model<LedgerEntryRecord>('LedgerEntry', ledgerEntrySchema)
  );
}
