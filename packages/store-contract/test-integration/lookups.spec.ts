import { expect } from 'chai';
import mongoose from 'mongoose';
import { guardQueries } from '@saga/service-kit';
import { aggregateModel, storedEntry } from './support/aggregate.ts';
import { useOwnDatabase, useOwnMongooseDatabase } from './support/store.ts';

/** The reads the platform makes: by id, by status, newest first a page at a time, and the sweeps. */
describe('lookups', () => {
  const store = useOwnDatabase();

  interface Order {
    _id: string;
    customerId: string;
    status: string;
    createdAt: Date;
    updatedAt: Date;
    deadlineAt: Date | null;
    refund: { refundId: string; refundedAt: Date | null } | null;
    outbox: { id: string }[];
  }
  const orders = () => store.db.collection<Order>('orders');
  const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute));
  const order = (_id: string, fields: Partial<Order> = {}): Order => ({
    _id,
    customerId: 'c1',
    status: 'PENDING',
    createdAt: at(0),
    updatedAt: at(0),
    deadlineAt: null,
    refund: null,
    outbox: [],
    ...fields,
  });

  it('findOne by a string _id returns the document with its dates as Dates, or null', async () => {
    await orders().insertMany([order('o1'), order('o2')]);
    const found = await orders().findOne({ _id: 'o2' });
    expect(found).to.deep.equal(order('o2'));
    expect(found?.createdAt).to.be.instanceOf(Date);
    expect(await orders().findOne({ _id: 'o3' })).to.equal(null);
  });

  it('an inclusion projection returns only those fields and _id (the relay’s findOne(…, { projection: { outbox: 1 } }))', async () => {
    await orders().insertOne(order('o1', { status: 'PAID' }));
    expect(await orders().findOne({ _id: 'o1' }, { projection: { status: 1, outbox: 1 } })).to.deep.equal({
      _id: 'o1',
      status: 'PAID',
      outbox: [],
    });
    expect(await orders().findOne({ _id: 'o1' }, { projection: { _id: 1, deadlineAt: 1 } })).to.deep.equal({
      _id: 'o1',
      deadlineAt: null,
    });
  });

  it('sort and limit: the N earliest deadlines of those set (saga-store findEarliestDeadlines)', async () => {
    await orders().insertMany([
      order('late', { deadlineAt: at(30) }),
      order('none'),
      order('early', { deadlineAt: at(10) }),
      order('middle', { deadlineAt: at(20) }),
    ]);
    const found = await orders()
      .find({ deadlineAt: { $ne: null } }, { projection: { _id: 1, deadlineAt: 1 } })
      .sort({ deadlineAt: 1 })
      .limit(2)
      .toArray();
    expect(found).to.deep.equal([
      { _id: 'early', deadlineAt: at(10) },
      { _id: 'middle', deadlineAt: at(20) },
    ]);
  });

  it('by status, the longest unchanged first', async () => {
    await orders().insertMany([
      order('b', { status: 'FAILED', updatedAt: at(5) }),
      order('a', { status: 'FAILED', updatedAt: at(3) }),
      order('c', { status: 'PAID', updatedAt: at(1) }),
    ]);
    const found = await orders().find({ status: 'FAILED' }).sort({ updatedAt: 1 }).limit(10).toArray();
    expect(found.map((o) => o._id)).to.deep.equal(['a', 'b']);
  });

  it('$in, a path into a subdocument, $gt with $lt on one date and the cursor’s $or, together (saga-store list)', async () => {
    const refund = (refundId: string) => ({ refundId, refundedAt: null });
    await orders().insertMany([
      order('too-old', { status: 'PAID', refund: refund('r'), createdAt: at(1) }),
      order('o2', { status: 'PAID', refund: refund('r'), createdAt: at(2) }),
      order('o3', { status: 'FAILED', refund: refund('r'), createdAt: at(3) }),
      order('other-refund', { status: 'PAID', refund: refund('x'), createdAt: at(3) }),
      order('other-status', { status: 'PENDING', refund: refund('r'), createdAt: at(3) }),
      order('o4', { status: 'PAID', refund: refund('r'), createdAt: at(4) }),
      order('too-new', { status: 'PAID', refund: refund('r'), createdAt: at(9) }),
    ]);
    const page = async (cursor?: { createdAt: Date; _id: string }) => {
      const filter = {
        status: { $in: ['PAID', 'FAILED'] },
        'refund.refundId': 'r',
        createdAt: { $gt: at(1), $lt: at(9) },
        ...(cursor && {
          $or: [
            { createdAt: { $lt: cursor.createdAt } },
            { createdAt: cursor.createdAt, _id: { $lt: cursor._id } },
          ],
        }),
      };
      const found = await orders()
        .find(filter, { projection: { _id: 1, status: 1 } })
        .sort({ createdAt: -1, _id: -1 })
        .limit(3)
        .toArray();
      return found.slice(0, 2).map((o) => o._id);
    };
    expect(await page()).to.deep.equal(['o4', 'o3']);
    expect(await page({ createdAt: at(3), _id: 'o3' })).to.deep.equal(['o2']);
  });

  it('$in on a status and $lte on a date: the sweep of what was left in flight (recover-reservations, finish-interrupted-payments)', async () => {
    await orders().insertMany([
      order('stale', { status: 'RESERVING', updatedAt: at(1) }),
      order('fresh', { status: 'RESERVING', updatedAt: at(50) }),
      order('edge', { status: 'RELEASING', updatedAt: at(10) }),
      order('done', { status: 'RESERVED', updatedAt: at(1) }),
    ]);
    const found = await orders()
      .find(
        { status: { $in: ['RESERVING', 'RELEASING'] }, updatedAt: { $lte: at(10) } },
        { projection: { _id: 1 } },
      )
      .sort({ _id: 1 })
      .toArray();
    expect(found.map((o) => o._id)).to.deep.equal(['edge', 'stale']);
  });

  it('pages newest first by (createdAt desc, _id desc), a cursor’s $or of $lt going on where the last page ended (list-orders)', async () => {
    // Three orders share a createdAt, so the page boundary falls inside a tie that _id must break.
    await orders().insertMany([
      order('o1', { createdAt: at(1) }),
      order('o2', { createdAt: at(2) }),
      order('o3', { createdAt: at(2) }),
      order('o4', { createdAt: at(2) }),
      order('o5', { createdAt: at(3), customerId: 'c2' }),
    ]);
    const page = async (customerId: string, cursor?: { createdAt: Date; orderId: string }) => {
      const filter = {
        customerId,
        ...(cursor && {
          $or: [
            { createdAt: { $lt: cursor.createdAt } },
            { createdAt: cursor.createdAt, _id: { $lt: cursor.orderId } },
          ],
        }),
      };
      const found = await orders().find(filter).sort({ createdAt: -1, _id: -1 }).limit(3).toArray();
      return found.slice(0, 2).map((o) => o._id);
    };
    expect(await page('c1')).to.deep.equal(['o4', 'o3']);
    expect(await page('c1', { createdAt: at(2), orderId: 'o3' })).to.deep.equal(['o2', 'o1']);
    expect(await page('c1', { createdAt: at(1), orderId: 'o1' })).to.deep.equal([]);
  });

  it('$ne: null through a path into a single subdocument (refund-decision, the repeated refund: refund.refundedAt)', async () => {
    await orders().insertMany([
      order('refunded', { refund: { refundId: 'r1', refundedAt: at(1) } }),
      order('refunding', { refund: { refundId: 'r2', refundedAt: null } }),
      order('none'),
    ]);
    const found = await orders()
      .find({ 'refund.refundedAt': { $ne: null } }, { projection: { _id: 1 } })
      .toArray();
    expect(found.map((o) => o._id)).to.deep.equal(['refunded']);
    expect(await orders().countDocuments({ _id: 'refunded', 'refund.refundId': 'r1' })).to.equal(1);
  });

  it('countDocuments counts what a filter matches', async () => {
    await orders().insertMany([order('a'), order('b', { status: 'PAID' }), order('c', { status: 'PAID' })]);
    expect(await orders().countDocuments({ status: 'PAID' })).to.equal(2);
    expect(await orders().countDocuments({ _id: 'a', status: 'PAID' })).to.equal(0);
  });

  it('a cursor yields every match, beyond one batch (the relay’s `for await` over a collection)', async () => {
    await orders().insertMany(Array.from({ length: 250 }, (_, i) => order(`o${String(i).padStart(3, '0')}`)));
    const seen: string[] = [];
    const cursor = orders().find({}, { projection: { outbox: 1 }, batchSize: 100 });
    for await (const doc of cursor) seen.push(doc._id);
    expect(new Set(seen).size).to.equal(250);
  });
});

/**
 * The aggregate runtime reads the document a decision is made on with `findById(id).lean()`, and the
 * views read theirs the same way, some with an inclusion projection: through mongoose, on a connection
 * with guardQueries, a plain object comes back, with its Dates as Dates (the relay refuses an outbox
 * entry whose `createdAt` is not one).
 */
describe('lookups through mongoose (findById().lean(): the aggregate runtime’s read, the views)', () => {
  const store = useOwnMongooseDatabase(guardQueries);
  const model = () =>
    aggregateModel(
      store.db,
      {
        status: String,
        placedAt: Date,
        items: {
          type: [new mongoose.Schema({ sku: String, quantity: Number }, { _id: false, id: false })],
          default: [],
        },
        refund: {
          type: new mongoose.Schema({ refundId: String, refundedAt: Date }, { _id: false, id: false }),
          default: null,
        },
      },
      'Order',
    );
  const placedAt = new Date('2030-01-01T00:00:00Z');
  const seed = async () => {
    const Order = model();
    await Order.create({
      _id: 'o1',
      status: 'PENDING',
      placedAt,
      items: [{ sku: 'A', quantity: 2 }],
      processedMessageIds: ['m1'],
      outbox: [storedEntry('e1')],
    });
    return Order;
  };

  it('findById(id).lean() returns the stored document as a plain object, Dates as Dates (inside outbox entries too), or null', async () => {
    const Order = await seed();
    const found = await Order.findById('o1').lean();
    expect(found?.constructor).to.equal(Object);
    expect(found).to.deep.include({
      _id: 'o1',
      status: 'PENDING',
      placedAt,
      items: [{ sku: 'A', quantity: 2 }],
      refund: null,
      processedMessageIds: ['m1'],
      outbox: [storedEntry('e1')],
    });
    expect(found?.createdAt).to.be.instanceOf(Date);
    const [entry] = found?.outbox as ReturnType<typeof storedEntry>[];
    expect(entry?.createdAt).to.be.instanceOf(Date);
    expect((entry?.value as { at: unknown }).at).to.be.instanceOf(Date);
    expect(await Order.findById('o2').lean()).to.equal(null);
  });

  it('findById(id, inclusion projection).lean() returns only those fields and _id (stock-ledger lineState, get-order)', async () => {
    const Order = await seed();
    expect(await Order.findById('o1', { status: 1, items: 1 }).lean()).to.deep.equal({
      _id: 'o1',
      status: 'PENDING',
      items: [{ sku: 'A', quantity: 2 }],
    });
  });

  it('$or of `list.0: { $exists: true }` finds the documents whose array is not empty (settle-interrupted-entries)', async () => {
    const Order = await seed();
    await Order.create({ _id: 'o2', status: 'PENDING', placedAt, items: [] });
    await Order.collection.insertOne({ _id: 'o3', status: 'PENDING' } as never);
    const exists = () => mongoose.trusted({ $exists: true });
    const found = await Order.find({ $or: [{ 'items.0': exists() }, { 'outbox.0': exists() }] }, { _id: 1 })
      .sort({ _id: 1 })
      .lean();
    expect(found).to.deep.equal([{ _id: 'o1' }]);
  });
});
