import { expect } from 'chai';
import type mongoose from 'mongoose';
import { dropRetiredSagaIndexes } from '../src/retired-indexes.ts';
import { sagaModel, type SagaModel } from '../src/saga-model.ts';
import { connectDatabase, testDbName } from './support/store.ts';

/** A saga collection an earlier version wrote, brought up to this one's indexes at start. */
describe('retired saga indexes (on the store)', function () {
  this.timeout(30_000);
  let db: mongoose.Connection;
  let Saga: SagaModel;

  before(async () => {
    db = await connectDatabase(testDbName());
    Saga = sagaModel(db);
    await Saga.init();
  });
  after(async () => {
    await db.dropDatabase();
    await db.close();
  });

  const names = async () => (await Saga.collection.indexes()).map((index) => index.name);

  it('drops the unique order id index of earlier versions, and keeps this version’s', async () => {
    await Saga.collection.createIndexes([{ key: { orderId: 1 }, unique: true, name: 'orderId_1' }]);

    expect(await dropRetiredSagaIndexes(Saga)).to.deep.equal(['orderId_1']);
    expect(await names()).to.not.include('orderId_1');
    expect(await names()).to.include('saga_1_key_1');
  });

  it('drops nothing from a collection this version made', async () => {
    expect(await dropRetiredSagaIndexes(Saga)).to.deep.equal([]);
  });
});
