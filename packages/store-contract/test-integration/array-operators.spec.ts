import { expect } from 'chai';
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
  });

  describe('$pull of an exact whole value (stock-ledger moveHeld; see the TODO in allow-list.ts)', () => {
    it('removes the element equal to the value, fields in the same order, and leaves the others', async () => {
      await docs().insertOne(doc({ holds: [hold('A', 2), hold('B', 1)] }));
      const result = await docs().updateOne(
        { _id: 'd', 'holds.orderId': 'A' },
        { $pull: { holds: hold('A', 2) } },
      );
      expect(result.modifiedCount).to.equal(1);
      expect((await read()).holds).to.deep.equal([hold('B', 1)]);
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

    it('equality matches a document with any element of that value (stock-ledger moveHeld, credit-account)', async () => {
      expect(await ids({ 'holds.orderId': 'X' })).to.deep.equal(['only-x', 'x-first', 'x-last']);
    });

    it('$nor of an equality matches a document with no element of that value (noArrayElementWith)', async () => {
      expect(await ids({ $nor: [{ 'holds.orderId': 'X' }] })).to.deep.equal(['empty', 'others']);
    });

    it('$nor of two equalities is each its own condition (noArrayElementWith with several fields)', async () => {
      expect(await ids({ $nor: [{ 'holds.orderId': 'Z' }, { 'holds.orderId': 'X' }] })).to.deep.equal([
        'empty',
      ]);
    });

    it('a $nor guard adds an element at most once, however often the update runs (takeHold, debit-account)', async () => {
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
