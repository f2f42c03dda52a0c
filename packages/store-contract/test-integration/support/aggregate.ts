import mongoose from 'mongoose';
import { aggregateFields, type OutboxEntry } from '@saga/service-kit';

/**
 * An outbox entry as the services write one (outboxEntry): a typed message with Dates inside, its
 * trace, the time it was written. Fixed values, so that what is read back can be compared whole.
 */
export function storedEntry(id: string): OutboxEntry {
  return {
    id,
    topic: 'order.created',
    key: 'o1',
    value: { orderId: 'o1', at: new Date(1_700_000_000_000), note: null },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    createdAt: new Date(1_700_000_000_000),
  };
}

/**
 * A model of an aggregate as a service declares one: its own fields, `timestamps` (mongoose adds
 * `$set: { updatedAt }` to every update), no version key, and the runtime's `processedMessageIds`
 * and `outbox` (aggregateFields). Typed as the runtime sees every model: documents of plain records.
 */
export function aggregateModel(
  db: mongoose.Connection,
  fields: mongoose.SchemaDefinition,
  name = 'Aggregate',
): mongoose.Model<Record<string, unknown>> {
  const schema = new mongoose.Schema(
    { _id: String, ...fields },
    { timestamps: true, versionKey: false, id: false },
  );
  schema.plugin(aggregateFields);
  return db.model(name, schema) as unknown as mongoose.Model<Record<string, unknown>>;
}
