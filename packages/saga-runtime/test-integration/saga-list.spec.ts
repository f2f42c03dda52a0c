import { expect } from 'chai';
import { decodeCursor, guardQueries } from '@saga/service-kit';
import { createTestStore, type TestStore } from '@saga/testing';
import {
  finishedSagasCollection,
  mongooseSagaStore,
  sagaModel,
  type SagaDocument,
  type SagaListQuery,
  type SagaStore,
} from '../src/index.ts';

const at = (hour: number) => new Date(Date.UTC(2026, 0, 1, hour));
const id = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

function saga(n: number, fields: Partial<SagaDocument> = {}): SagaDocument {
  return {
    _id: id(n),
    saga: 'trip',
    key: `trip-${n}`,
    keyName: 'tripId',
    stateVersion: 3,
    status: 'RUNNING',
    currentStep: 0,
    failureReason: null,
    attention: null,
    deadlineAt: null,
    data: { traveller: n % 2 === 0 ? 'ada' : 'bo' },
    steps: [
      {
        name: 'bookFlight',
        status: 'ACTIVE',
        attempts: 1,
        startedAt: at(n),
        endedAt: null,
        compensation: null,
      },
      { name: 'charge', status: 'PENDING', attempts: 0, startedAt: null, endedAt: null, compensation: null },
    ],
    finalCommands: [],
    history: [{ direction: 'SENT', topic: 'flight.book', messageId: `m-${n}`, at: at(n) }],
    processedMessageIds: [`m-${n}`],
    outbox: [],
    version: 0,
    createdAt: at(n),
    updatedAt: at(n),
    ...fields,
  };
}

/** The list's reads of the running sagas and the finished archive, against the store itself. */
describe('the saga list in the store (FerretDB)', function () {
  this.timeout(30_000);
  let testStore: TestStore;
  let store: SagaStore;
  const names = (sagas: readonly { _id: string }[]) => sagas.map((found) => Number(found._id.slice(-2)));

  before(async () => {
    testStore = createTestStore('saga-runtime-saga-list');
    const db = await testStore.connectDatabase(testStore.dbName('sagas'));
    guardQueries(db);
    const Saga = sagaModel(db);
    // Running sagas 1-6 (6 needs attention at its second step), finished ones 7-10; 10 also still
    // among the running (a move a crash cut short), where the list takes it from.
    await Saga.collection.insertMany([
      saga(1),
      saga(2),
      saga(3, { currentStep: 1 }),
      saga(4, { status: 'COMPENSATING', failureReason: 'NO_SEATS' }),
      saga(5, { status: 'COMPLETING', currentStep: null }),
      saga(6, { status: 'NEEDS_ATTENTION', currentStep: 1 }),
      saga(10, { status: 'CANCELLED', currentStep: null, failureReason: 'NO_SEATS', updatedAt: at(20) }),
      saga(11, { saga: 'parcel' }),
    ] as never[]);
    await db
      .collection(finishedSagasCollection)
      .insertMany([
        saga(7, { status: 'COMPLETED', currentStep: null }),
        saga(8, { status: 'CANCELLED', currentStep: null, failureReason: 'CARD_DECLINED' }),
        saga(9, { status: 'COMPLETED', currentStep: null }),
        saga(10, { status: 'CANCELLED', currentStep: null, failureReason: 'NO_SEATS' }),
      ] as never[]);
    store = mongooseSagaStore(Saga);
  });
  after(() => testStore.close());

  const list = (fields: Partial<SagaListQuery> = {}) => store.list({ saga: 'trip', limit: 50, ...fields });

  async function everyPage(fields: Partial<SagaListQuery>, limit: number) {
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const decoded = cursor === null ? undefined : decodeCursor(cursor);
      const page = await list({ ...fields, limit, ...(decoded && { cursor: decoded }) });
      pages.push(names(page.sagas));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return pages;
  }

  it('lists running and finished sagas as one, newest first, a saga in both once (the running copy)', async () => {
    const page = await list();
    expect(names(page.sagas)).to.deep.equal([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.nextCursor).to.equal(null);
    expect(page.sagas[0]?.updatedAt).to.deep.equal(at(20));
  });

  it('reads summaries: without the history, outbox or message ids', async () => {
    const [newest] = (await list({ limit: 1 })).sagas;
    expect(newest).to.not.have.any.keys('history', 'outbox', 'processedMessageIds');
    expect(newest).to.include.keys('steps', 'data', 'status', 'createdAt');
  });

  it('pages across both collections by the cursor, each saga once', async () => {
    expect(await everyPage({}, 3)).to.deep.equal([[10, 9, 8], [7, 6, 5], [4, 3, 2], [1]]);
  });

  it('filters by statuses, step, outcome, searchable field and age, in both collections', async () => {
    expect(names((await list({ statuses: ['CANCELLED', 'NEEDS_ATTENTION'] })).sagas)).to.deep.equal([
      10, 8, 6,
    ]);
    expect(names((await list({ currentStep: 1 })).sagas)).to.deep.equal([6, 3]);
    expect(names((await list({ outcome: 'NO_SEATS' })).sagas)).to.deep.equal([10, 4]);
    expect(names((await list({ outcome: 'COMPLETED' })).sagas)).to.deep.equal([9, 7, 5]);
    expect(names((await list({ data: { traveller: 'ada' } })).sagas)).to.deep.equal([10, 8, 6, 4, 2]);
    expect(names((await list({ createdAfter: at(3), createdBefore: at(8) })).sagas)).to.deep.equal([
      7, 6, 5, 4,
    ]);
    expect(
      await everyPage({ data: { traveller: 'bo' }, statuses: ['RUNNING', 'COMPLETED'] }, 2),
    ).to.deep.equal([
      [9, 7],
      [3, 1],
    ]);
  });
});
