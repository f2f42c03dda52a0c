import { expect } from 'chai';
import { arrayElementWith } from '@saga/service-kit';
import { useOwnDatabase } from './support/store.ts';

/**
 * The arrays the platform keeps inside a document, so that one single-document update can change
 * them together with the state: the outbox (appended, then removed by exact value by the relay), the
 * processed message ids, the history, and markers such as stock holds and ledger charges (added at
 * most once, guarded by "no element with this order id yet").
 */
describe('array operators', () => {
  const store = useOwnDatabase();

  interface Entry {
    id: string;
    topic: string;
    value: unknown;
    createdAt: Date;
  }
  interface Hold {
    orderId: string;
    quantity: number;
  }
  interface Doc {
    _id: string;
    outbox: Entry[];
    holds: Hold[];
    history: string[];
    reserved?: number;
  }
  const docs = () => store.db.collection<Doc>('docs');
  const doc = (fields: Partial<Doc> = {}): Doc => ({
    _id: 'd',
    outbox: [],
    holds: [],
    history: [],
    ...fields,
  });
  const entry = (id: string): Entry => ({
    id,
    topic: 'order.created',
    // The kinds of value a message holds: nested objects, dates, nulls, arrays of both.
    value: {
      orderId: 'o1',
      total: { amountMinor: 1250, currency: 'EUR' },
      at: new Date(1_700_000_000_000),
      note: null,
      items: [{ sku: 'A', quantity: 2 }],
    },
    createdAt: new Date(1_700_000_000_000 + Number(id.replace(/\D/g, ''))),
  });
  const hold = (orderId: string, quantity = 1): Hold => ({ orderId, quantity });
  const read = async () => (await docs().findOne({ _id: 'd' }))!;

  describe('$push (appendToOutbox, markProcessed, the saga history)', () => {
    it('appends one value, or several in order with $each', async () => {
      await docs().insertOne(doc({ history: ['a'] }));
      await docs().updateOne({ _id: 'd' }, { $push: { history: 'b' } });
      await docs().updateOne({ _id: 'd' }, { $push: { history: { $each: ['c', 'd'] } } });
      expect((await read()).history).to.deep.equal(['a', 'b', 'c', 'd']);
    });

    it('appends to two arrays in one update (a state change with its outbox entry and its message id)', async () => {
      await docs().insertOne(doc());
      await docs().updateOne(
        { _id: 'd' },
        { $push: { outbox: { $each: [entry('e1'), entry('e2')] }, history: 'm1' } },
      );
      const stored = await read();
      expect(stored.outbox).to.deep.equal([entry('e1'), entry('e2')]);
      expect(stored.history).to.deep.equal(['m1']);
    });
  });

  describe('$pullAll of exact stored values (the outbox relay’s removal)', () => {
    it('removes exactly the entries read earlier, and keeps one pushed in between', async () => {
      await docs().insertOne(doc({ outbox: [entry('e1'), entry('e2')] }));
      const sent = (await docs().findOne({ _id: 'd' }, { projection: { outbox: 1 } }))!.outbox;
      await docs().updateOne({ _id: 'd' }, { $push: { outbox: entry('e3') } }); // written while publishing
      const result = await docs().updateOne({ _id: 'd' }, { $pullAll: { outbox: sent } });
      expect(result.modifiedCount).to.equal(1);
      expect((await read()).outbox).to.deep.equal([entry('e3')]);
    });

    it('removes only the entries it names, wherever they sit', async () => {
      await docs().insertOne(doc({ outbox: [entry('e1'), entry('e2'), entry('e3')] }));
      await docs().updateOne({ _id: 'd' }, { $pullAll: { outbox: [entry('e2')] } });
      expect((await read()).outbox.map((e) => e.id)).to.deep.equal(['e1', 'e3']);
    });

    it('changes nothing for values no longer there (the relay removing twice after a crash)', async () => {
      await docs().insertOne(doc({ outbox: [entry('e2')] }));
      const result = await docs().updateOne({ _id: 'd' }, { $pullAll: { outbox: [entry('e1')] } });
      expect([result.matchedCount, result.modifiedCount]).to.deep.equal([1, 0]);
      expect((await read()).outbox).to.deep.equal([entry('e2')]);
    });

    it('guarded by $size, lowers the pending flag only when it empties the outbox; a lookup by the flag finds the rest (the relay’s removeSent)', async () => {
      const pending = () => store.db.collection<Doc & { outboxPending: boolean }>('docs');
      await pending().insertMany([
        { ...doc({ outbox: [entry('e1')] }), outboxPending: true },
        { ...doc({ _id: 'busy', outbox: [entry('e1'), entry('e2')] }), outboxPending: true },
        { ...doc({ _id: 'idle' }), outboxPending: false },
      ]);
      const removeSent = (_id: string, sent: Entry[]) =>
        pending().updateOne(
          { _id, outbox: { $size: sent.length } },
          { $pullAll: { outbox: sent }, $set: { outboxPending: false } },
        );
      expect((await removeSent('d', [entry('e1')])).modifiedCount).to.equal(1);
      // 'busy' got e2 after e1 was read: the guard misses, and the flag must stay up.
      expect((await removeSent('busy', [entry('e1')])).matchedCount).to.equal(0);
      const flagged = await pending().find({ outboxPending: true }).toArray();
      expect(flagged.map((d) => d._id)).to.deep.equal(['busy']);
      expect((await read()).outbox).to.deep.equal([]);
    });
  });

  describe('$pullAll of an exact subdocument (decideRemoveHold: a hold rebuilt by holdOf, fields in stored order)', () => {
    it('removes the element equal to the value and leaves the others', async () => {
      await docs().insertOne(doc({ holds: [hold('A', 2), hold('B', 1)] }));
      const result = await docs().updateOne({ _id: 'd' }, { $pullAll: { holds: [hold('A', 2)] } });
      expect(result.modifiedCount).to.equal(1);
      expect((await read()).holds).to.deep.equal([hold('B', 1)]);
    });

    it('guarded by arrayElementWith and the counter read, moves the units and removes the hold once (release, commit)', async () => {
      await docs().insertOne(doc({ holds: [hold('Y', 1), hold('X', 2)], reserved: 3 }));
      const remove = () =>
        docs().updateOne(
          { _id: 'd', reserved: 3, ...arrayElementWith({ 'holds.orderId': 'X' }) },
          { $inc: { reserved: -2 }, $pullAll: { holds: [hold('X', 2)] } },
        );
      const modified = [(await remove()).modifiedCount, (await remove()).modifiedCount];
      expect(modified).to.deep.equal([1, 0]);
      const stored = await read();
      expect([stored.reserved, stored.holds]).to.deep.equal([1, [hold('Y', 1)]]);
    });
  });

  describe('guards through a path into an array of subdocuments', () => {
    beforeEach(() =>
      docs().insertMany([
        doc({ _id: 'only-x', holds: [hold('X')] }),
        doc({ _id: 'x-first', holds: [hold('X'), hold('Y')] }),
        doc({ _id: 'x-last', holds: [hold('Y'), hold('X')] }),
        doc({ _id: 'others', holds: [hold('Y'), hold('Z')] }),
        doc({ _id: 'empty', holds: [] }),
      ]),
    );
    const ids = async (filter: object) =>
      (
        await docs()
          .find(filter, { projection: { _id: 1 } })
          .sort({ _id: 1 })
          .toArray()
      ).map((d) => d._id);

    it('equality in a find matches a document with any element of that value', async () => {
      expect(await ids({ 'holds.orderId': 'X' })).to.deep.equal(['only-x', 'x-first', 'x-last']);
    });

    it('arrayElementWith ($and of the equality) guards updateOne: it matches wherever the element sits, and nothing without one (guardFilter: decideRemoveHold, decideCredit, the repeated refund)', async () => {
      const matched: Record<string, number> = {};
      for (const _id of ['only-x', 'x-first', 'x-last', 'others', 'empty']) {
        const result = await docs().updateOne(
          { _id, ...arrayElementWith({ 'holds.orderId': 'X' }) },
          { $push: { history: 'settled' } },
        );
        matched[_id] = result.matchedCount;
      }
      expect(matched).to.deep.equal({ 'only-x': 1, 'x-first': 1, 'x-last': 1, others: 0, empty: 0 });
      expect(await ids({ history: 'settled' })).to.deep.equal(['only-x', 'x-first', 'x-last']);
    });

    it('arrayElementWith guards findOneAndUpdate the same: the document as written, or null (the aggregate runtime’s update)', async () => {
      const settle = (_id: string) =>
        docs().findOneAndUpdate(
          { _id, ...arrayElementWith({ 'holds.orderId': 'X' }) },
          { $push: { history: 'settled' } },
          { returnDocument: 'after' },
        );
      expect((await settle('x-last'))?.history).to.deep.equal(['settled']);
      expect(await settle('others')).to.equal(null);
      expect((await docs().findOne({ _id: 'others' }))?.history).to.deep.equal([]);
    });

    it('arrayElementWith beside a $nor guard of the same array: each is its own condition (decideCredit’s shape)', async () => {
      const credit = (_id: string) =>
        docs().updateOne(
          {
            _id,
            ...arrayElementWith({ 'holds.orderId': 'X' }),
            $nor: [{ 'holds.orderId': 'Z' }],
          },
          { $push: { history: 'credited' } },
        );
      await docs().insertOne(doc({ _id: 'x-and-z', holds: [hold('X'), hold('Z')] }));
      const matched = [];
      for (const _id of ['x-first', 'x-and-z', 'others']) matched.push((await credit(_id)).matchedCount);
      expect(matched).to.deep.equal([1, 0, 0]);
    });

    it('$nor of an equality matches a document with no element of that value (noArrayElementWith)', async () => {
      expect(await ids({ $nor: [{ 'holds.orderId': 'X' }] })).to.deep.equal(['empty', 'others']);
    });

    it('$nor of two equalities is each its own condition (noArrayElementWith with several fields)', async () => {
      expect(await ids({ $nor: [{ 'holds.orderId': 'Z' }, { 'holds.orderId': 'X' }] })).to.deep.equal([
        'empty',
      ]);
    });

    it('a $nor guard adds an element at most once, however often the update runs (decideHold, decideDebit)', async () => {
      const take = () =>
        docs().updateOne(
          { _id: 'others', $nor: [{ 'holds.orderId': 'X' }] },
          { $push: { holds: hold('X') } },
        );
      const results = [];
      for (let i = 0; i < 3; i++) results.push((await take()).modifiedCount);
      expect(results).to.deep.equal([1, 0, 0]);
      expect((await docs().findOne({ _id: 'others' }))?.holds.map((h) => h.orderId)).to.deep.equal([
        'Y',
        'Z',
        'X',
      ]);
    });
  });

  describe('$gte on a date through a path into an array (the outbox relay’s full look)', () => {
    it('matches the documents with at least one entry, and not those with an empty outbox', async () => {
      await docs().insertMany([
        doc({ _id: 'pending', outbox: [entry('e1')] }),
        doc({ _id: 'two', outbox: [entry('e2'), entry('e3')] }),
        doc({ _id: 'sent', outbox: [] }),
      ]);
      const found = await docs()
        .find({ 'outbox.createdAt': { $gte: new Date(0) } }, { projection: { outbox: 1 } })
        .sort({ _id: 1 })
        .toArray();
      expect(found.map((d) => [d._id, d.outbox.length])).to.deep.equal([
        ['pending', 1],
        ['two', 2],
      ]);
    });
  });
});
