import mongoose from 'mongoose';
import { aggregateFields, type AggregateFields } from '@saga/service-kit';

/** One line of a return taken back into stock. */
export interface RestockLine {
  sku: string;
  quantity: number;
}

/**
 * Where a return's restock is: PENDING while its lines go back into the SKUs' stock (each once, by
 * the SKU's restock marker), DONE once all did, FAILED when inventory could not take them (nothing moved).
 */
export type RestockStatus = 'PENDING' | 'DONE' | 'FAILED';

/**
 * One return's restock: the record that makes it happen once, whatever the redeliveries and re-sends,
 * and whose outbox holds the replies to the return saga. Its id is the return id.
 */
export interface RestockDocument extends AggregateFields {
  /** The return id. */
  _id: string;
  orderId: string;
  sagaId: string;
  status: RestockStatus;
  items: RestockLine[];
  /** FAILED: the SKUs inventory holds no stock of. */
  unknownSkus: string[];
  createdAt: Date;
  updatedAt: Date;
}

const restockLineSchema = new mongoose.Schema<RestockLine>(
  { sku: { type: String, required: true }, quantity: { type: Number, required: true } },
  { _id: false, id: false },
);

const restockSchema = new mongoose.Schema<RestockDocument>(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true },
    sagaId: { type: String, required: true },
    status: { type: String, enum: ['PENDING', 'DONE', 'FAILED'], required: true },
    items: { type: [restockLineSchema], required: true },
    unknownSkus: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'restocks', versionKey: false, id: false },
);

// The message ids applied and the outbox, as the aggregate runtime and the relay keep them.
restockSchema.plugin(aggregateFields);

export type RestockModel = mongoose.Model<RestockDocument>;

/** The Restock model on `db`, registered once per connection. */
export function restockModel(db: mongoose.Connection): RestockModel {
  return (
    (db.models.Restock as RestockModel | undefined) ?? db.model<RestockDocument>('Restock', restockSchema)
  );
}
