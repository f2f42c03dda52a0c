import mongoose from 'mongoose';
import type { SagaDocument } from './saga-document.ts';
import { finishedSagasCollection, type SagaModel } from './saga-model.ts';

/** A saga whose deadline the scheduler looks at: which one, of which definition, and when. */
export interface SagaDeadline {
  readonly sagaId: string;
  /** The saga's definition (its `saga` field), for the manager that runs it. */
  readonly saga: string;
  /** The saga's key (an order id): which replica owns it. */
  readonly key: string;
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

/**
 * The store on the saga model: running sagas in its collection, finished ones in `sagas_finished`
 * (saga-model.ts). A saga found in both (a crash while it moved) is the running collection's.
 */
export function mongooseSagaStore(model: SagaModel): SagaStore {
  const finished = () => model.db.collection<SagaDocument>(finishedSagasCollection);
  return {
    async findById(sagaId) {
      const running = (await model.findById(sagaId).lean()) as SagaDocument | null;
      return running ?? (await finished().findOne({ _id: sagaId }));
    },
    async findByKey(saga, key) {
      const running = (await model.findOne({ saga, key }).lean()) as SagaDocument | null;
      return running ?? (await finished().findOne({ saga, key }));
    },
    async findEarliestDeadlines(limit) {
      const found = await model
        .find({ deadlineAt: mongoose.trusted({ $ne: null }) }, { _id: 1, saga: 1, key: 1, deadlineAt: 1 })
        .sort({ deadlineAt: 1 })
        .limit(limit)
        .lean();
      return found.flatMap((saga) =>
        saga.deadlineAt
          ? [{ sagaId: saga._id, saga: saga.saga, key: saga.key, deadlineAt: saga.deadlineAt }]
          : [],
      );
    },
    async findByStatus(status, limit) {
      const running = (await model
        .find({ status })
        .sort({ updatedAt: 1 })
        .limit(limit)
        .lean()) as unknown as SagaDocument[];
      if (running.length >= limit) return running;
      const seen = new Set(running.map((saga) => saga._id));
      const ended = await finished()
        .find({ status: status as SagaDocument['status'] })
        .sort({ updatedAt: 1 })
        .limit(limit - running.length)
        .toArray();
      return [...running, ...ended.filter((saga) => !seen.has(saga._id))];
    },
  };
}
