import mongoose from 'mongoose';
import { isDuplicateKeyError } from '@saga/service-kit';
import type { SagaDocument } from '../model/saga-document.ts';
import type { SagaModel } from '../model/saga-model.ts';
import type { SagaUpdate } from './saga-update.ts';

/**
 * Where sagas are kept: single-document reads and writes only, since the store has no transactions.
 * An interface, so that tests can put a competing write between a read and the update it guards.
 */
export interface SagaStore {
  /** The collection the sagas live in, which names them to the single writer. */
  readonly collection: { readonly collectionName: string };
  /** Inserts a new saga; false when its order has one already (the unique order id). */
  insert(document: SagaDocument): Promise<boolean>;
  findById(sagaId: string): Promise<SagaDocument | null>;
  findByOrderId(orderId: string): Promise<SagaDocument | null>;
  /** Applies `update` to the document `filter` matches; false when it matches none. */
  update(filter: Record<string, unknown>, update: SagaUpdate): Promise<boolean>;
  /** The `limit` sagas with the earliest deadlines (due or not), earliest first: one query, for the scheduler. */
  findEarliestDeadlines(limit: number): Promise<{ sagaId: string; deadlineAt: Date }[]>;
  /** Up to `limit` sagas in `status`, the longest unchanged first. */
  findByStatus(status: string, limit: number): Promise<SagaDocument[]>;
}

/** The store on the saga model. */
export function mongooseSagaStore(model: SagaModel): SagaStore {
  return {
    collection: model.collection,
    async insert(document) {
      try {
        // The model's inferred type has mutable arrays; the document is checked against the schema instead.
        await new model(document as unknown as Record<string, unknown>).save();
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async findById(sagaId) {
      return (await model.findById(sagaId).lean()) as SagaDocument | null;
    },
    async findByOrderId(orderId) {
      return (await model.findOne({ orderId }).lean()) as SagaDocument | null;
    },
    async update(filter, update) {
      const result = await model.updateOne(filter, update);
      return result.matchedCount === 1;
    },
    async findEarliestDeadlines(limit) {
      const found = await model
        .find({ deadlineAt: mongoose.trusted({ $ne: null }) }, { _id: 1, deadlineAt: 1 })
        .sort({ deadlineAt: 1 })
        .limit(limit)
        .lean();
      return found.flatMap((saga) =>
        saga.deadlineAt ? [{ sagaId: saga._id, deadlineAt: saga.deadlineAt }] : [],
      );
    },
    async findByStatus(status, limit) {
      return (await model.find({ status }).sort({ updatedAt: 1 }).limit(limit).lean()) as SagaDocument[];
    },
  };
}
