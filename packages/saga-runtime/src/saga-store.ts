import mongoose from 'mongoose';
import { mergeNewestFirst, newestFirst, pageOf } from '@saga/service-kit';
import type { SagaDocument } from './saga-document.ts';
import { mayBeFinished, sagaListFilter, type SagaListQuery } from './saga-list-query.ts';
import { finishedSagasCollection, type SagaModel } from './saga-model.ts';
import { listedSagaProjection, type ListedSaga } from './saga-summary.ts';

/** A saga whose deadline the scheduler looks at: which one, of which definition, and when. */
export interface SagaDeadline {
  readonly sagaId: string;
  /** The saga's definition (its `saga` field), for the manager that runs it. */
  readonly saga: string;
  /** The saga's key (an order id): which replica owns it. */
  readonly key: string;
  readonly deadlineAt: Date;
}

/** A page of the saga list: the sagas on it, and the cursor of the next page (null on the last). */
export interface SagaListPage {
  readonly sagas: readonly ListedSaga[];
  readonly nextCursor: string | null;
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
  /**
   * A page of the sagas a query asks for, running and finished alike, newest first (see
   * saga-list-query.ts), each without its history and outbox.
   */
  list(query: SagaListQuery): Promise<SagaListPage>;
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
    async list(query) {
      const filter = sagaListFilter(query);
      if (filter === null) return { sagas: [], nextCursor: null };
      // One more than a page from each collection tells whether another page follows, without
      // counting; every lookup is a scan on FerretDB, so a page reads at most 2 × (limit + 1) sagas.
      const running = (await model
        .find(filter, listedSagaProjection)
        .sort(newestFirst)
        .limit(query.limit + 1)
        .lean()) as unknown as ListedSaga[];
      // After the running sagas: a move copies before it deletes, so a saga moving meanwhile is in
      // one read or in both, never in neither.
      const ended = mayBeFinished(query)
        ? await finished()
            .find(filter, { projection: listedSagaProjection })
            .sort(newestFirst)
            .limit(query.limit + 1)
            .toArray()
        : [];
      const { page, nextCursor } = pageOf(mergeNewestFirst(running, ended as ListedSaga[]), query.limit);
      return { sagas: page, nextCursor };
    },
  };
}
