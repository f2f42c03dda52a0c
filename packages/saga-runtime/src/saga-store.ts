import mongoose from 'mongoose';
import type { SagaDocument } from './saga-document.ts';
import type { SagaModel } from './saga-model.ts';

/** A saga whose deadline the scheduler looks at: which one, of which definition, and when. */
export interface SagaDeadline {
  readonly sagaId: string;
  /** The saga's definition (its `saga` field), for the manager that runs it. */
  readonly saga: string;
  readonly deadlineAt: Date;
}

/**
 * Where sagas are read, for the views and the deadline scheduler (writes are the aggregate runtime's,
 * through the saga manager). One collection holds the sagas of every definition. An interface, so
 * that route and scheduler tests run on memory.
 */
export interface SagaStore {
  findById(sagaId: string): Promise<SagaDocument | null>;
  /** The saga of definition `saga` with this key (an order id for the order saga), if any. */
  findByKey(saga: string, key: string): Promise<SagaDocument | null>;
  /** The `limit` sagas with the earliest deadlines (due or not), earliest first: one query, for the scheduler. */
  findEarliestDeadlines(limit: number): Promise<SagaDeadline[]>;
  /** Up to `limit` sagas in `status`, the longest unchanged first. */
  findByStatus(status: string, limit: number): Promise<SagaDocument[]>;
}

/** The store on the saga model. */
export function mongooseSagaStore(model: SagaModel): SagaStore {
  return {
    async findById(sagaId) {
      return (await model.findById(sagaId).lean()) as SagaDocument | null;
    },
    async findByKey(saga, key) {
      return (await model.findOne({ saga, key }).lean()) as SagaDocument | null;
    },
    async findEarliestDeadlines(limit) {
      const found = await model
        .find({ deadlineAt: mongoose.trusted({ $ne: null }) }, { _id: 1, saga: 1, deadlineAt: 1 })
        .sort({ deadlineAt: 1 })
        .limit(limit)
        .lean();
      return found.flatMap((saga) =>
        saga.deadlineAt ? [{ sagaId: saga._id, saga: saga.saga, deadlineAt: saga.deadlineAt }] : [],
      );
    },
    async findByStatus(status, limit) {
      return (await model.find({ status }).sort({ updatedAt: 1 }).limit(limit).lean()) as SagaDocument[];
    },
  };
}
