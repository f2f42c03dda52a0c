import type mongoose from 'mongoose';
import { processedMessagesField } from '../inbox/processed-messages.ts';
import { outboxFields, type OutboxEntry } from '../outbox/outbox-entry.ts';

/** What the aggregate runtime keeps in every document it writes, beside the document's own state. */
export interface AggregateFields {
  /** Ids of the messages applied to the document (dedupe). */
  processedMessageIds: string[];
  /** Messages the document's writes caused, until the relay has published them. */
  outbox: OutboxEntry[];
  /** Whether `outbox` holds entries (outbox-entry.ts); absent in documents written before it existed. */
  outboxPending?: boolean;
}

/**
 * A mongoose schema plugin: `schema.plugin(aggregateFields)` gives a document model the fields the
 * runtime and the outbox relay need, declared once rather than in every service's model.
 */
export function aggregateFields(schema: mongoose.Schema): void {
  schema.add({ [processedMessagesField]: { type: [String], default: () => [] } });
  schema.plugin(outboxFields);
}
