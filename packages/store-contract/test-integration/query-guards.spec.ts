import { expect } from 'chai';
import mongoose from 'mongoose';
import { guardQueries } from '@saga/service-kit';
import { useOwnMongooseDatabase } from './support/store.ts';

/**
 * A service's connection runs with guardQueries: mongoose's sanitizeFilter (an operator in a filter
 * value runs only if the code marked it with mongoose.trusted) and strictQuery 'throw'. Mongoose
 * rewrites the filter; the store must then evaluate what it is sent, `{ $eq: { $ne: … } }` included,
 * as a comparison of values.
 */
describe('query guards (guardQueries: sanitizeFilter, strictQuery "throw", mongoose.trusted)', () => {
  const store = useOwnMongooseDatabase(guardQueries);
  const orderModel = () =>
    store.db.model(
      'Order',
      new mongoose.Schema({
        _id: String,
        status: String,
        total: Number,
        note: mongoose.Schema.Types.Mixed,
        processedMessageIds: { type: [String], default: () => [] },
        holds: { type: [new mongoose.Schema({ orderId: String }, { _id: false })], default: () => [] },
      }),
    );
  const seed = async () => {
    const Order = orderModel();
    await Order.create([
      { _id: 'a', status: 'PENDING', total: 5 },
      { _id: 'b', status: 'PAID', total: 50 },
    ]);
    return Order;
  };
  const ids = (docs: { _id: unknown }[]) => docs.map((d) => d._id).sort();

  it('never runs an operator that came in as a value: a typed path refuses it, an untyped one compares it', async () => {
    const Order = await seed();
    // Typed as the string it should have been, as a loosely checked request value can be.
    const fromRequest = JSON.parse('{ "$ne": "x" }') as string;
    // On a String path mongoose cannot cast it, and fails the query before it reaches the store.
    const refused = await Order.find({ status: fromRequest })
      .lean()
      .catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(mongoose.Error.CastError);
    // On a Mixed path it goes to the store as { $eq: { $ne: 'x' } }, which compares a value and matches nothing.
    expect(await Order.find({ note: fromRequest }).lean()).to.deep.equal([]);
    expect(await Order.countDocuments({ note: mongoose.trusted({ $ne: 'x' }) })).to.equal(2);
  });

  it('runs an operator the code marked trusted', async () => {
    const Order = await seed();
    expect(ids(await Order.find({ status: mongoose.trusted({ $ne: 'PENDING' }) }).lean())).to.deep.equal([
      'b',
    ]);
    expect(ids(await Order.find({ total: mongoose.trusted({ $gte: 10 }) }).lean())).to.deep.equal(['b']);
  });

  it('looks into $or and $nor, so noArrayElementWith’s and the list cursor’s conditions run unmarked', async () => {
    const Order = await seed();
    await Order.updateOne({ _id: 'a' }, { $push: { holds: { orderId: 'X' } } });
    expect(ids(await Order.find({ $nor: [{ 'holds.orderId': 'X' }] }).lean())).to.deep.equal(['b']);
    expect(ids(await Order.find({ $or: [{ status: 'PAID' }, { _id: 'a' }] }).lean())).to.deep.equal([
      'a',
      'b',
    ]);
  });

  it('throws on a filter path no schema declares, rather than dropping the condition', async () => {
    const Order = await seed();
    const error = await Order.updateOne({ _id: 'a', statsu: 'PENDING' }, { $set: { status: 'PAID' } }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
    expect((await Order.findById('a').lean())?.status).to.equal('PENDING');
  });

  it('keeps the platform’s own guard fragments working: notYetProcessed’s trusted $ne on processedMessageIds', async () => {
    const Order = await seed();
    const apply = (id: string) =>
      Order.updateOne(
        { _id: 'a', processedMessageIds: mongoose.trusted({ $ne: id }) },
        { $push: { processedMessageIds: id } },
      );
    expect([(await apply('m1')).modifiedCount, (await apply('m1')).modifiedCount]).to.deep.equal([1, 0]);
  });
});
