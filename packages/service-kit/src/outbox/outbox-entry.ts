import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { causeTraceparent } from '@saga/events';

/**
 * A message waiting to be published, stored in the same document as the state change that caused it,
 * so both are written by one atomic update. The relay publishes it later and then removes it.
 */
export interface OutboxEntry {
  /** Becomes the CloudEvents `ce_id`. Fixed at write time, so a re-send after a crash keeps it and consumers can dedupe. */
  id: string;
  topic: TopicName;
  /** The Kafka key: the order id, so one order's messages stay in order. */
  key: string;
  value: unknown;
  /**
   * The span that caused the entry (the HTTP request's or the consumed message's, see
   * causeTraceparent): the relay's PRODUCER span for it is a child of this one, on every (re-)send.
   */
  traceparent: string;
  createdAt: Date;
}

/** The field every relayed model keeps its outbox in: `outbox: { type: [outboxEntrySchema], default: [] }`. */
export const outboxField = 'outbox';

/**
 * True while the document's outbox holds entries: set by every write that appends one, cleared by
 * the relay's removal that empties it. The relay's look for pending work at start queries it, a
 * top-level equality that an index serves on MongoDB and on FerretDB alike, where the outbox's own
 * `outbox.createdAt` is not pushed down and a look would read every document ever written.
 */
export const outboxPendingField = 'outboxPending';

/**
 * A mongoose schema plugin: the outbox and its pending flag, indexed, with the flag kept true on
 * every document created with entries. Part of `aggregateFields`; the saga schema uses it directly.
 */
export function outboxFields(schema: mongoose.Schema): void {
  schema.add({
    [outboxField]: { type: [outboxEntrySchema], default: () => [] },
    [outboxPendingField]: { type: Boolean, default: false, index: true },
  });
  schema.pre('validate', function (this: mongoose.Document) {
    const outbox: unknown = this.get(outboxField);
    if (Array.isArray(outbox) && outbox.length > 0) this.set(outboxPendingField, true);
  });
}

/**
 * Sub-schema for `outbox: [outboxEntrySchema]` arrays in any model.
 * Entries have no `_id`: the relay removes them by their exact stored value (see outbox-relay.ts).
 */
export const outboxEntrySchema = new mongoose.Schema<OutboxEntry>(
  {
    id: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    // Mixed keeps the value as the typed message it is (Dates stay Dates), for the relay to encode as Avro.
    value: { type: mongoose.Schema.Types.Mixed, required: true },
    traceparent: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { _id: false, id: false },
);

// On MongoDB this makes the relay's poll an index range over only the documents with pending entries
// (an empty array has no createdAt key), instead of a scan of the whole collection every pass.
outboxEntrySchema.index({ createdAt: 1 });

/**
 * A typed outbox entry: `value` must be the message type of `topic`. Pass the consumed message's
 * context (or the traceparent stored with the order or saga it acts for) as `causedBy` so the new
 * message joins its trace.
 */
export function outboxEntry<T extends TopicName>(
  topic: T,
  key: string,
  value: TopicMessageMap[T],
  causedBy?: { traceparent: string },
): OutboxEntry {
  return {
    id: randomUUID(),
    topic,
    key,
    value,
    traceparent: causeTraceparent(causedBy?.traceparent),
    createdAt: new Date(),
  };
}

/**
 * Update fragment appending entries to the outbox, in order: `{ $push: { outbox: { $each: entries } } }`,
 * and raising the pending flag.
 * Merge it with the state change (and `markProcessed`) through `combineUpdates`, so all land in one update.
 */
export function appendToOutbox(...entries: OutboxEntry[]): Record<string, unknown> {
  return { $push: { [outboxField]: { $each: entries } }, $set: { [outboxPendingField]: true } };
}
