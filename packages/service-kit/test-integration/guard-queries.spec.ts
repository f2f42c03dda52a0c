import { expect } from 'chai';
import mongoose from 'mongoose';
import { createTestStore, type TestStore } from '@saga/testing';
import { guardQueries, noArrayElementWith } from '../src/index.ts';

interface ItemDocument {
  _id: string;
  status: string;
  stock: number;
  holds: { orderId: string }[];
}

const itemModel = (db: mongoose.Connection) =>
  db.model<ItemDocument>(
    'Item',
    new mongoose.Schema<ItemDocument>({
      _id: String,
      status: String,
      stock: Number,
      holds: [new mongoose.Schema({ orderId: String }, { _id: false })],
    }),
  );

/** A guarded connection runs the operators the code wrote, and nothing a request smuggled into a filter. */
describe('guardQueries (on the store)', function () {
  this.timeout(30_000);
  let store: TestStore;
  let Item: ReturnType<typeof itemModel>;

  before(async () => {
    store = createTestStore('service-kit-guard-queries');
    const db = await store.connectDatabase(store.dbName('items'));
    guardQueries(db);
    Item = itemModel(db);
    await Item.init();
    await Item.create([
      { _id: 'a', status: 'OPEN', stock: 5, holds: [{ orderId: 'X' }] },
      { _id: 'b', status: 'SHUT', stock: 0, holds: [] },
    ]);
  });
  after(() => store.close());

  const ids = (items: { _id: string }[]) => items.map((item) => item._id).sort();

  it('never runs an operator object that came from outside: compared as a value, it is refused and changes nothing', async () => {
    // What a lax parser could make of `?status[$ne]=nobody`, typed as the string it should have been.
    const fromRequest = JSON.parse('{"$ne":"nobody"}') as string;
    const found = await Item.find({ status: fromRequest })
      .lean()
      .catch((e: unknown) => e);
    expect(found).to.be.instanceOf(mongoose.Error.CastError);
    const updated = await Item.updateMany({ status: fromRequest }, { $set: { stock: 99 } }).catch(
      (e: unknown) => e,
    );
    expect(updated).to.be.instanceOf(mongoose.Error.CastError);
    expect((await Item.find().lean()).map((item) => item.stock).sort()).to.deep.equal([0, 5]);
  });

  it('still compares an untrusted object with a field that holds objects, as a value', async () => {
    const fromRequest = JSON.parse('{"$ne":"X"}') as { orderId: string };
    expect(ids(await Item.find({ holds: fromRequest }).lean())).to.deep.equal([]);
  });

  it('runs the operators the code marked as its own', async () => {
    expect(ids(await Item.find({ stock: mongoose.trusted({ $gte: 1 }) }).lean())).to.deep.equal(['a']);
    expect(
      ids(await Item.find({ status: mongoose.trusted({ $in: ['OPEN', 'SHUT'] }) }).lean()),
    ).to.deep.equal(['a', 'b']);
  });

  it('looks into $nor, so that "no element has this value" guards need no marking', async () => {
    expect(ids(await Item.find(noArrayElementWith({ 'holds.orderId': 'X' })).lean())).to.deep.equal(['b']);
  });

  it('refuses a filter on a path no schema declares, instead of dropping the condition', async () => {
    const error = await Item.updateOne({ _id: 'a', stauts: 'OPEN' }, { $set: { stock: 1 } }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(mongoose.Error.StrictModeError);
    expect((error as Error).message).to.include('stauts');
    expect((await Item.findById('a').lean())?.stock).to.equal(5);
  });
});
