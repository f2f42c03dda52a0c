import mongoose from 'mongoose';
import type { StockHold } from '../domain/stock-hold.ts';

/**
 * One SKU's stock. Conservation: `available + reserved + sold = received`, always, since every change
 * moves units between the counters in one update (a return's restock moves them from sold back to
 * available), and only the admin's PUT changes `received`;
 * `reserved` is also the sum of the holds' quantities.
 */
export interface StockDocument {
  /** The SKU. */
  _id: string;
  /** Free to reserve. */
  available: number;
  /** Held for orders whose saga is still running. */
  reserved: number;
  /** Committed to paid orders. */
  sold: number;
  /** Net units put in through `PUT /stock/:sku` (less any it took out). */
  received: number;
  /**
   * The catalogue price of one unit in minor units of `currency`. Absent or null (not for sale) until
   * the admin sets one: stock created before prices has neither field.
   */
  price?: number | null;
  /** ISO 4217 code of `price`; absent or null exactly when `price` is. */
  currency?: string | null;
  /** One per order holding stock here; as many as orders in flight for this SKU. */
  holds: StockHold[];
  /**
   * One per return whose units came back here (sold → available): the marker that makes a return's
   * restock of this SKU happen once. Absent on stock no return came back to.
   */
  restocks?: StockRestock[];
  createdAt: Date;
  updatedAt: Date;
}

const holdSchema = new mongoose.Schema<StockHold>(
  {
    orderId: { type: String, required: true },
    quantity: { type: Number, required: true },
  },
  { _id: false, id: false },
);

/** A return's units taken back into a SKU's stock (restock/restock-decision.ts). */
export interface StockRestock {
  returnId: string;
  quantity: number;
}

const restockMarkerSchema = new mongoose.Schema<StockRestock>(
  {
    returnId: { type: String, required: true },
    quantity: { type: Number, required: true },
  },
  { _id: false, id: false },
);

export const stockSchema = new mongoose.Schema<StockDocument>(
  {
    _id: { type: String, required: true },
    available: { type: Number, required: true, default: 0 },
    reserved: { type: Number, required: true, default: 0 },
    sold: { type: Number, required: true, default: 0 },
    received: { type: Number, required: true, default: 0 },
    // Stock created before prices has neither field: it is not for sale until the admin prices it.
    price: { type: Number, default: null },
    currency: { type: String, default: null },
    holds: { type: [holdSchema], default: [] },
    restocks: { type: [restockMarkerSchema], default: undefined },
  },
  { collection: 'stocks', timestamps: true, versionKey: false, id: false },
);

export type StockModel = mongoose.Model<StockDocument>;

/** The Stock model on `db`, registered once per connection. */
export function stockModel(db: mongoose.Connection): StockModel {
  return (db.models.Stock as StockModel | undefined) ?? db.model<StockDocument>('Stock', stockSchema);
}
