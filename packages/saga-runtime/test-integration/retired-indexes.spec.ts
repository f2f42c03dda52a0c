import { expect } from 'chai';
import { createTestStore, type TestStore } from '@saga/testing';
import { dropRetiredSagaIndexes } from '../src/retired-indexes.ts';
import { sagaModel, type SagaModel } from '../src/saga-model.ts';

/** A saga collection an earlier version wrote, brought up to this one's indexes at start. */
describe('retired saga indexes (on the store)', function () {
  this.timeout(30_000);
  let store: TestStore;
  let Saga: SagaModel;

  before(async () => {
    store = createTestStore('saga-runtime-retired-indexes');
    Saga = sagaModel(await store.connectDatabase(store.dbName('sagas')));
    await Saga.init();
  });
  after(() => store.close());

  const names = async () => (await Saga.collection.indexes()).map((index) => index.name);

  it('drops the unique order id index of earlier versions, and keeps this version’s', async () => {
    await Saga.collection.createIndexes([{ key: { orderId: 1 }, unique: true, name: 'orderId_1' }]);

    expect(await dropRetiredSagaIndexes(Saga)).to.deep.equal(['orderId_1']);
    expect(await names()).to.not.include('orderId_1');
    expect(await names()).to.include('saga_1_key_1_instance_1');
  });

  it('drops the unique (saga, key) index of earlier versions, there and in the archive: a key may have several sagas', async () => {
    await Saga.collection.createIndexes([{ key: { saga: 1, key: 1 }, unique: true, name: 'saga_1_key_1' }]);
    const archive = Saga.db.collection('sagas_finished');
    await archive.createIndexes([{ key: { saga: 1, key: 1 }, unique: true, name: 'saga_1_key_1' }]);

    expect(await dropRetiredSagaIndexes(Saga)).to.deep.equal(['saga_1_key_1', 'sagas_finished.saga_1_key_1']);
    expect(await names()).to.not.include('saga_1_key_1');
    expect((await archive.indexes()).map((index) => index.name)).to.not.include('saga_1_key_1');
  });

  it('drops nothing from a collection this version made', async () => {
    expect(await dropRetiredSagaIndexes(Saga)).to.deep.equal([]);
  });
});
