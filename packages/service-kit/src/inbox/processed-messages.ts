import mongoose from 'mongoose';
/**
 * Idempotent consumers: a document remembers the ids of the messages already applied to it, and the
 * update that applies a message both checks and records its id. One atomic single-document update
 * (no transaction, which FerretDB lacks) so a redelivered message cannot be applied twice.
 *
 * ```ts
 * const applied = await Saga.findOneAndUpdate(
 *   { _id: sagaId, ...notYetProcessed(context.id) },
 *   combineUpdates({ $set: { step: 'paid' } }, markProcessed(context.id), appendToOutbox(entry)),
 *   { returnDocument: 'after' },
 * );
 * if (!applied) // already processed (or no such document: look it up if that matters)
 * ```
 *
 * The list is never trimmed ($push with $slice is unsupported on FerretDB): it grows by one id per
 * message applied to that document, which for a saga or an order is a handful.
 * With `upsert: true`, an already-processed message makes the filter miss and the insert collide on
 * `_id`: treat that duplicate-key error (see `isDuplicateKeyError`) as "already processed".
 */
export const processedMessagesField = 'processedMessageIds';

/**
 * Schema path for models: `{ ...processedMessagesDefinition }` adds `processedMessageIds: [String]`.
 * Typed loosely enough (no readonly tuple) to fit a schema declared with its document type, `new Schema<Doc>(...)`.
 */
export const processedMessagesDefinition: {
  processedMessageIds: { type: [StringConstructor]; default: () => string[] };
} = {
  [processedMessagesField]: { type: [String], default: () => [] },
};

/** Filter fragment: `{ processedMessageIds: { $ne: messageId } }`, which matches only if the id is not in the list. */
export function notYetProcessed(messageId: string): Record<string, unknown> {
  return { [processedMessagesField]: mongoose.trusted({ $ne: messageId }) };
}

/**
 * Update fragment: `{ $push: { processedMessageIds: messageId } }`.
 * It holds a `$push`, so spreading it next to another `$push` would silently drop one of them:
 * merge with `combineUpdates` instead.
 */
export function markProcessed(messageId: string): Record<string, unknown> {
  return { $push: { [processedMessagesField]: messageId } };
}
