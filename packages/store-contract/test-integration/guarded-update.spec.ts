import { expect } from 'chai';
import { useOwnDatabase } from './support/store.ts';

/**
 * The conditional single-document update every write of the platform is: the filter is the guard
 * (a status, a version, a balance, "this message not applied yet"), the update applies only if it
 * holds, and the counts say whether it did. No transactions: this is all the store is trusted with.
 */
describe('guarded updates', () => {
  const store = useOwnDatabase();

  interface Account {
    _id: string;
    balance: number;
    currency?: string | null;
    version: number;
    status: string;
    processedMessageIds: string[];
    deadlineAt?: Date | null;
    totals?: { charged: number };
  }
  const accounts = () => store.db.collection<Account>('accounts');
  const fresh = (fields: Partial<Account> = {}): Account => ({
    _id: 'acc',
    balance: 10,
    version: 0,
    status: 'PENDING',
    processedMessageIds: [],
    ...fields,
  });

  describe('updateOne counts (saga-store.update, drive-reservation, debit-account)', () => {
    it('reports matchedCount 1 and modifiedCount 1 when the guard holds, and applies the update', async () => {
      await accounts().insertOne(fresh());
      const result = await accounts().updateOne({ _id: 'acc', version: 0 }, { $inc: { version: 1 } });
      expect([result.matchedCount, result.modifiedCount]).to.deep.equal([1, 1]);
      expect((await accounts().findOne({ _id: 'acc' }))?.version).to.equal(1);
    });

    it('reports 0 and 0 when the guard misses, and changes nothing', async () => {
      await accounts().insertOne(fresh({ version: 3 }));
      const result = await accounts().updateOne({ _id: 'acc', version: 2 }, { $inc: { version: 1 } });
      expect([result.matchedCount, result.modifiedCount]).to.deep.equal([0, 0]);
      expect((await accounts().findOne({ _id: 'acc' }))?.version).to.equal(3);
    });

    it('counts a match that changes nothing in matchedCount, not in modifiedCount', async () => {
      await accounts().insertOne(fresh({ status: 'PAID' }));
      const result = await accounts().updateOne({ _id: 'acc' }, { $set: { status: 'PAID' } });
      expect([result.matchedCount, result.modifiedCount]).to.deep.equal([1, 0]);
    });

    it('a version guard lets exactly one of two writers of the same version through, one after the other', async () => {
      await accounts().insertOne(fresh());
      const write = () => accounts().updateOne({ _id: 'acc', version: 0 }, { $inc: { version: 1 } });
      const counts = [(await write()).matchedCount, (await write()).matchedCount];
      expect(counts).to.deep.equal([1, 0]);
    });
  });

  describe('guards of the platform', () => {
    it('$gte with $inc never lets a counter go below zero (debit-account, stock-ledger takeHold)', async () => {
      await accounts().insertOne(fresh({ balance: 10 }));
      const debit = (amount: number) =>
        accounts().updateOne({ _id: 'acc', balance: { $gte: amount } }, { $inc: { balance: -amount } });
      const matched = [];
      for (const amount of [4, 4, 4]) matched.push((await debit(amount)).matchedCount);
      expect(matched).to.deep.equal([1, 1, 0]);
      expect((await accounts().findOne({ _id: 'acc' }))?.balance).to.equal(2);
    });

    it('$in with null matches a field that is missing, null, or one of the values (debit-account currency)', async () => {
      await accounts().insertMany([
        fresh({ _id: 'missing' }),
        fresh({ _id: 'null', currency: null }),
        fresh({ _id: 'eur', currency: 'EUR' }),
        fresh({ _id: 'usd', currency: 'USD' }),
      ]);
      const found = await accounts()
        .find({ currency: { $in: ['EUR', null] } }, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .toArray();
      expect(found.map((a) => a._id)).to.deep.equal(['eur', 'missing', 'null']);
    });

    it('$ne on a plain field matches every other value (repeat-outcome: status $ne PENDING)', async () => {
      await accounts().insertMany([fresh({ _id: 'p' }), fresh({ _id: 's', status: 'SUCCEEDED' })]);
      const found = await accounts()
        .find({ status: { $ne: 'PENDING' } })
        .toArray();
      expect(found.map((a) => a._id)).to.deep.equal(['s']);
    });

    it('$ne on an array of plain strings matches only while no element equals it (notYetProcessed)', async () => {
      await accounts().insertOne(fresh({ processedMessageIds: ['m1', 'm2'] }));
      const notYet = async (id: string) =>
        (await accounts().countDocuments({ _id: 'acc', processedMessageIds: { $ne: id } })) === 1;
      expect([await notYet('m1'), await notYet('m2'), await notYet('m3')]).to.deep.equal([
        false,
        false,
        true,
      ]);
    });

    it('applies a message once: the $ne guard and the $push of its id in one update (notYetProcessed + markProcessed)', async () => {
      await accounts().insertOne(fresh({ processedMessageIds: ['earlier'] }));
      const apply = (id: string) =>
        accounts().updateOne(
          { _id: 'acc', processedMessageIds: { $ne: id } },
          { $inc: { balance: 1 }, $push: { processedMessageIds: id } },
        );
      const counts = [];
      for (const id of ['m1', 'm1', 'm2', 'm1']) counts.push((await apply(id)).modifiedCount);
      expect(counts).to.deep.equal([1, 0, 1, 0]);
      const account = await accounts().findOne({ _id: 'acc' });
      expect(account?.processedMessageIds).to.deep.equal(['earlier', 'm1', 'm2']);
      expect(account?.balance).to.equal(12);
    });
  });

  describe('update operators', () => {
    it('$set, $inc and $push in one update all land (combineUpdates’ merged fragments)', async () => {
      await accounts().insertOne(fresh());
      await accounts().updateOne(
        { _id: 'acc' },
        { $set: { status: 'PAID' }, $inc: { version: 1, balance: -3 }, $push: { processedMessageIds: 'm1' } },
      );
      const account = await accounts().findOne({ _id: 'acc' }, { projection: { _id: 0 } });
      expect(account).to.deep.equal({ balance: 7, version: 1, status: 'PAID', processedMessageIds: ['m1'] });
    });

    it('$inc through a dotted path into a subdocument creates it when missing (totals.charged)', async () => {
      await accounts().insertOne(fresh());
      await accounts().updateOne({ _id: 'acc' }, { $inc: { 'totals.charged': 5 } });
      await accounts().updateOne({ _id: 'acc' }, { $inc: { 'totals.charged': 2 } });
      expect((await accounts().findOne({ _id: 'acc' }))?.totals).to.deep.equal({ charged: 7 });
    });

    it('$set of null stores null, which $ne: null then tells apart from a date (deadlineAt)', async () => {
      const at = new Date('2030-01-01T00:00:00Z');
      await accounts().insertMany([
        fresh({ _id: 'due', deadlineAt: at }),
        fresh({ _id: 'none', deadlineAt: at }),
      ]);
      await accounts().updateOne({ _id: 'none' }, { $set: { deadlineAt: null } });
      expect((await accounts().findOne({ _id: 'none' }))?.deadlineAt).to.equal(null);
      const due = await accounts()
        .find({ deadlineAt: { $ne: null } })
        .toArray();
      expect(due.map((a) => [a._id, a.deadlineAt])).to.deep.equal([['due', at]]);
    });
  });

  describe('findOneAndUpdate (apply-order-decision, settle-payment, set-balance)', () => {
    it('with returnDocument "after" returns the document as the update left it', async () => {
      await accounts().insertOne(fresh());
      const after = await accounts().findOneAndUpdate(
        { _id: 'acc', status: { $in: ['PENDING', 'AUTHORIZED'] }, processedMessageIds: { $ne: 'm1' } },
        { $set: { status: 'PAID' }, $inc: { version: 1 }, $push: { processedMessageIds: 'm1' } },
        { returnDocument: 'after' },
      );
      expect(after).to.deep.equal({ ...fresh(), status: 'PAID', version: 1, processedMessageIds: ['m1'] });
    });

    it('with returnDocument "before" returns the document as it was', async () => {
      await accounts().insertOne(fresh());
      const before = await accounts().findOneAndUpdate(
        { _id: 'acc' },
        { $set: { status: 'PAID' } },
        { returnDocument: 'before' },
      );
      expect(before?.status).to.equal('PENDING');
      expect((await accounts().findOne({ _id: 'acc' }))?.status).to.equal('PAID');
    });

    it('returns null and changes nothing when the guard misses', async () => {
      await accounts().insertOne(fresh({ balance: 5 }));
      const after = await accounts().findOneAndUpdate(
        { _id: 'acc', balance: 4 },
        { $set: { balance: 9 } },
        { returnDocument: 'after' },
      );
      expect(after).to.equal(null);
      expect((await accounts().findOne({ _id: 'acc' }))?.balance).to.equal(5);
    });
  });
});
