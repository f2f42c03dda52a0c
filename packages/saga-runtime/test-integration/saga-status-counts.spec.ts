import { expect } from 'chai';
import { guardQueries } from '@saga/service-kit';
import { createTestStore, type TestStore } from '@saga/testing';
import { finishedSagasCollection, sagaModel, sagaStatusCounts, type SagaModel } from '../src/index.ts';

/** Sagas per status for the sagas_in_status gauge, counted in the store itself (FerretDB). */
describe('sagaStatusCounts (FerretDB)', function () {
  this.timeout(30_000);
  let testStore: TestStore;
  let Saga: SagaModel;

  before(async () => {
    testStore = createTestStore('saga-runtime-status-counts');
    const db = await testStore.connectDatabase(testStore.dbName('sagas'));
    guardQueries(db);
    Saga = sagaModel(db);
    await Saga.init();
    // Raw documents: only `status` is read, and the hot collection's are as the runtime stores them.
    await Saga.collection.insertMany([
      { _id: 'r1', status: 'RUNNING' },
      { _id: 'r2', status: 'RUNNING' },
      { _id: 'a1', status: 'NEEDS_ATTENTION' },
      { _id: 'c0', status: 'COMPLETED' },
    ] as never);
    await db.collection(finishedSagasCollection).insertMany([
      { _id: 'c1', status: 'COMPLETED' },
      { _id: 'c2', status: 'COMPLETED' },
      { _id: 'x1', status: 'CANCELLED' },
    ] as never);
  });
  after(() => testStore.close());

  it('counts running sagas from the hot collection and finished ones from both, every status present', async () => {
    const counts = await sagaStatusCounts(Saga)();
    expect(counts).to.deep.equal({
      RUNNING: 2,
      COMPENSATING: 0,
      COMPLETING: 0,
      CANCELLING: 0,
      NEEDS_ATTENTION: 1,
      COMPLETED: 3,
      CANCELLED: 1,
    });
  });

  it('recounts the archive only every archiveEveryMs, and the hot collection on every reading', async () => {
    let now = 0;
    const read = sagaStatusCounts(Saga, { archiveEveryMs: 60_000, now: () => now });
    expect((await read()).CANCELLED).to.equal(1);
    await Saga.db.collection(finishedSagasCollection).insertOne({ _id: 'x2', status: 'CANCELLED' } as never);
    await Saga.collection.insertOne({ _id: 'r3', status: 'RUNNING' } as never);
    now = 59_999;
    expect(await read()).to.include({ CANCELLED: 1, RUNNING: 3 });
    now = 60_000;
    expect(await read()).to.include({ CANCELLED: 2, RUNNING: 3 });
  });
});
