import { expect } from 'chai';
import mongoose from 'mongoose';
import { useOwnMongooseDatabase } from './support/store.ts';

/**
 * The index declarations of the platform's schemas are built when a service's models start
 * (mongoose autoIndex, Model.init). The store must accept every shape they use, or a service does not
 * start. (On FerretDB they are built but never used by a query: every lookup is a scan, INFRA.md.)
 */
describe('indexes the schemas declare', () => {
  const store = useOwnMongooseDatabase();

  const indexKeys = async (model: mongoose.Model<never>) =>
    ((await model.collection.listIndexes().toArray()) as { key: Record<string, number> }[]).map((i) => i.key);

  it('builds unique, descending compound, and array-of-subdocument indexes (order, saga, reservation, outbox)', async () => {
    const entry = new mongoose.Schema({ id: String, createdAt: Date }, { _id: false });
    entry.index({ createdAt: 1 }); // outboxEntrySchema's, which mongoose lifts to outbox.createdAt
    const schema = new mongoose.Schema({
      _id: String,
      orderId: { type: String, unique: true },
      customerId: String,
      status: String,
      createdAt: Date,
      updatedAt: Date,
      outbox: { type: [entry], default: [] },
    });
    schema.index({ createdAt: -1, _id: -1 });
    schema.index({ customerId: 1, createdAt: -1, _id: -1 });
    schema.index({ status: 1, updatedAt: 1 });
    const Model = store.db.model('Indexed', schema) as unknown as mongoose.Model<never>;

    await Model.init();

    expect(await indexKeys(Model)).to.deep.include.members([
      { _id: 1 },
      { orderId: 1 },
      { createdAt: -1, _id: -1 },
      { customerId: 1, createdAt: -1, _id: -1 },
      { status: 1, updatedAt: 1 },
      { 'outbox.createdAt': 1 },
    ]);
  });

  it('building the same indexes again (every service start) succeeds and changes nothing', async () => {
    const schema = new mongoose.Schema({ _id: String, orderId: { type: String, unique: true } });
    schema.index({ status: 1, updatedAt: 1 });
    const Model = store.db.model('Again', schema) as unknown as mongoose.Model<never>;
    await Model.init();
    const first = await indexKeys(Model);
    await Model.createIndexes();
    expect(await indexKeys(Model)).to.deep.equal(first);
  });

  it('building existing indexes again one createIndexes call per index succeeds (FerretDB 1.24 panics on one call of several existing ones)', async () => {
    const collection = store.db.collection('raw');
    for (let run = 0; run < 2; run++) {
      await collection.createIndexes([{ key: { saga: 1, key: 1 }, unique: true }]);
      await collection.createIndexes([{ key: { status: 1, updatedAt: 1 } }]);
    }
    const indexes = (await collection.listIndexes().toArray()) as { key: Record<string, number> }[];
    const keys = indexes.map((index) => index.key);
    expect(keys).to.deep.include.members([
      { saga: 1, key: 1 },
      { status: 1, updatedAt: 1 },
    ]);
  });
});
