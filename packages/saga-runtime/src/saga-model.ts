import mongoose from 'mongoose';
import {
  archiveWhenFinished,
  outboxFields,
  processedMessagesDefinition,
  type FinishedArchive,
} from '@saga/service-kit';

const compensationSchema = new mongoose.Schema(
  {
    attempts: { type: Number, required: true },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
  },
  { _id: false, id: false },
);

const stepRecordSchema = new mongoose.Schema(
  {
    name: { type: String, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    compensation: { type: compensationSchema, default: null },
    deadlineAt: { type: Date, default: null },
  },
  { _id: false, id: false },
);

// No defaults here: a SENT entry stays the four fields it is, the others bring all of their own.
const historyEntrySchema = new mongoose.Schema(
  {
    direction: { type: String, enum: ['RECEIVED', 'SENT', 'TIMEOUT', 'RETRY', 'COMPENSATE'], required: true },
    topic: { type: String },
    messageId: { type: String },
    at: { type: Date, required: true },
    outcome: { type: String },
    step: { type: String },
    reply: { type: String },
    reason: { type: String },
    detail: { type: String },
    status: { type: String },
    phase: { type: String },
    attempts: { type: Number },
    action: { type: String },
    steps: { type: [String], default: undefined },
    by: { type: String },
  },
  { _id: false, id: false },
);

const finalCommandSchema = new mongoose.Schema(
  {
    topic: { type: String, required: true },
    attempts: { type: Number, required: true },
    deadlineAt: { type: Date, default: null },
  },
  { _id: false, id: false },
);

const attentionSchema = new mongoose.Schema(
  {
    // Null when no step stopped: a final command, or a rejected reply once the walk was over.
    step: { type: Number, default: null },
    reason: { type: String, required: true },
    detail: { type: String, required: true },
    resumeStatus: { type: String, required: true },
  },
  { _id: false, id: false },
);

/** The collection of the sagas that run (finished ones move to `sagas_finished`). */
export const sagasCollection = 'sagas';

/** The stored shape is `SagaDocument` (saga-document.ts); this schema is how mongoose validates and casts it. */
export const sagaSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    saga: { type: String, required: true },
    // The binding's key (an order id, a trip id), and its name; the instance where a key has several
    // sagas of a definition (a return id). The `_id` derives from all three (saga-id.ts).
    key: { type: String, required: true },
    keyName: { type: String, required: true },
    instance: { type: String },
    stateVersion: { type: Number, required: true },
    // GET /sagas?status= lists by it (NEEDS_ATTENTION, mostly).
    status: { type: String, required: true, index: true },
    currentStep: { type: Number, default: null },
    failureReason: { type: mongoose.Schema.Types.Mixed, default: null },
    attention: { type: attentionSchema, default: null },
    // The deadline scheduler's query: sagas whose deadline has passed, earliest first.
    deadlineAt: { type: Date, default: null, index: true },
    // Mixed: the saga data is whatever the definition's type D is; the engine hands it back as stored.
    data: { type: mongoose.Schema.Types.Mixed, required: true },
    steps: { type: [stepRecordSchema], default: [] },
    finalCommands: { type: [finalCommandSchema], default: [] },
    history: { type: [historyEntrySchema], default: [] },
    ...processedMessagesDefinition,
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    traceparent: { type: String },
    updatedAt: { type: Date, required: true },
  },
  // versionKey off: `version` is the concurrency token, written explicitly by every update.
  { collection: sagasCollection, versionKey: false, minimize: false, id: false },
);

// The outbox and its pending flag (service-kit's outbox-entry.ts), as every relayed model has them.
sagaSchema.plugin(outboxFields);

// The store's findByKey (GET /sagas?orderId=) finds a saga by it. Not unique: a key may have several
// sagas of a definition (the returns of an order), and the `_id`, which derives from definition, key
// and instance, is what makes a second start collide (saga-id.ts).
sagaSchema.index({ saga: 1, key: 1, instance: 1 });
// The saga list's order (GET /sagas, saga-list-query.ts): newest first, the id breaking ties.
sagaSchema.index({ createdAt: -1, _id: -1 });

/** Where finished sagas go once their last commands are sent: views read it, the hot path does not. */
export const finishedSagasCollection = 'sagas_finished';

/**
 * Ended (COMPLETED or CANCELLED) with no deadline left to watch. A late reply to such a saga (one the
 * definition compensates) brings it back: the aggregate runtime reads the archive too.
 */
const finishedStatuses = ['COMPLETED', 'CANCELLED'];
sagaSchema.plugin(archiveWhenFinished, {
  collection: finishedSagasCollection,
  finished: { status: { $in: finishedStatuses }, deadlineAt: null },
  isFinished: (saga: Readonly<Record<string, unknown>>) =>
    finishedStatuses.includes(String(saga.status)) && (saga.deadlineAt ?? null) === null,
  // The views' lookups: by key (GET /sagas?orderId=), by status and newest first (GET /sagas).
  indexes: [
    { key: { saga: 1, key: 1, instance: 1 } },
    { key: { status: 1, updatedAt: 1 } },
    { key: { createdAt: -1, _id: -1 } },
  ],
} satisfies FinishedArchive);

const modelName = 'Saga';

/** The saga model on a connection; the same model again when asked twice (handlers and routes share it). */
export function sagaModel(db: mongoose.Connection) {
  return (db.models[modelName] as SagaModel | undefined) ?? createModel(db);
}

function createModel(db: mongoose.Connection) {
  return db.model(modelName, sagaSchema);
}

export type SagaModel = ReturnType<typeof createModel>;
