import { expect } from 'chai';
import { useOwnDatabase } from './support/store.ts';

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

  it('an inclusion projection returns only those fields and _id (findById(id, { available: 1, holds: 1 }))', async () => {
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

  it('sort and limit: the N earliest deadlines of those set (findEarliestDeadlines)', async () => {
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

  it('by status, the longest unchanged first (findByStatus)', async () => {
    await orders().insertMany([
      order('b', { status: 'FAILED', updatedAt: at(5) }),
      order('a', { status: 'FAILED', updatedAt: at(3) }),
      order('c', { status: 'PAID', updatedAt: at(1) }),
    ]);
    const found = await orders().find({ status: 'FAILED' }).sort({ updatedAt: 1 }).limit(10).toArray();
    expect(found.map((o) => o._id)).to.deep.equal(['a', 'b']);
  });

  it('$in on a status and $lte on a date: the sweep of what was left in flight (recover-reservations)', async () => {
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

  it('$ne: null through a path into a single subdocument (repeat-refund: refund.refundedAt)', async () => {
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
