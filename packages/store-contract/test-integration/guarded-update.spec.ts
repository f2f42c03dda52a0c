import { expect } from 'chai';
import mongoose from 'mongoose';
import {
  appendToOutbox,
  arrayElementWith,
  combineUpdates,
  guardQueries,
  markProcessed,
  notYetProcessed,
  type OutboxEntry,
} from '@saga/service-kit';
import { aggregateModel, storedEntry } from './support/aggregate.ts';
import { useOwnDatabase, useOwnMongooseDatabase } from './support/store.ts';

/**
 * The conditional single-document update every write of the platform is: the filter is the guard
 * (a status, a version, a balance, "this message not applied yet"), the update applies only if it
 * holds, and the result says whether it did. No transactions: this is all the store is trusted with.
 * The aggregate runtime sends every decision's update as one findOneAndUpdate (the last block here).
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

  describe('updateOne counts (the outbox relay’s removal is an updateOne; the concurrency and quirk probes count by them)', () => {
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
    it('$gte with $inc never lets a counter go below zero (decideDebit: balance)', async () => {
      await accounts().insertOne(fresh({ balance: 10 }));
      const debit = (amount: number) =>
        accounts().updateOne({ _id: 'acc', balance: { $gte: amount } }, { $inc: { balance: -amount } });
      const matched = [];
      for (const amount of [4, 4, 4]) matched.push((await debit(amount)).matchedCount);
      expect(matched).to.deep.equal([1, 1, 0]);
      expect((await accounts().findOne({ _id: 'acc' }))?.balance).to.equal(2);
    });

    it('$in with null matches a field that is missing, null, or one of the values (decideDebit: currency)', async () => {
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

    it('$ne on a plain field matches every other value (decideRequestAnswer: status $ne PENDING)', async () => {
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

  describe('findOneAndUpdate (the aggregate runtime’s update; see also the last block)', () => {
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

/**
 * The aggregate runtime's one write of an update decision (service-kit aggregate/aggregate-runtime.ts),
 * exactly as it sends it: through mongoose on a connection with guardQueries, on a model with
 * timestamps and aggregateFields,
 * `findOneAndUpdate({ ...guardFilter(guard), _id, ...notYetProcessed(messageId) },
 * combineUpdates(update, markProcessed(messageId), appendToOutbox(...outbox)), { returnDocument: 'after' }).lean()`.
 * A guard here is written as guardFilter sends it: its dotted equalities in `$and` (arrayElementWith).
 * null means the guard or the dedupe missed, and the runtime decides again on a fresh read.
 */
describe('the aggregate runtime’s update: guard, message dedupe, state change and outbox in one findOneAndUpdate', () => {
  const store = useOwnMongooseDatabase(guardQueries);

  interface Hold {
    orderId: string;
    quantity: number;
  }
  interface Refund {
    refundId: string;
    refundedAt: Date | null;
  }
  interface Aggregate {
    _id: string;
    status: string;
    version: number;
    reserved: number;
    sold: number;
    holds: Hold[];
    history: string[];
    refund: Refund | null;
    processedMessageIds: string[];
    outbox: OutboxEntry[];
    createdAt: Date;
    updatedAt: Date;
  }
  const hold = (orderId: string, quantity: number): Hold => ({ orderId, quantity });
  const model = () => {
    const subdocument = { _id: false, id: false };
    return aggregateModel(store.db, {
      status: String,
      version: Number,
      reserved: Number,
      sold: Number,
      holds: { type: [new mongoose.Schema({ orderId: String, quantity: Number }, subdocument)], default: [] },
      history: { type: [String], default: [] },
      refund: {
        type: new mongoose.Schema({ refundId: String, refundedAt: Date }, subdocument),
        default: null,
      },
    });
  };
  /** A model with document `a` in it, inserted as the runtime inserts (one message applied already). */
  const seeded = async (fields: Partial<Aggregate> = {}) => {
    const Model = model();
    await Model.create({
      status: 'PENDING',
      version: 0,
      reserved: 3,
      sold: 0,
      holds: [hold('Y', 1), hold('X', 2)],
      history: [],
      refund: null,
      ...fields,
      _id: 'a',
      processedMessageIds: ['earlier'],
      outbox: [],
    });
    return Model;
  };
  /** The runtime's update() of document `a`: the document as written, or null. */
  const write = async (
    Model: mongoose.Model<Record<string, unknown>>,
    decided: { guard?: Record<string, unknown>; update: Record<string, unknown>; outbox?: OutboxEntry[] },
    messageId?: string,
  ) => {
    const outbox = decided.outbox ?? [];
    const filter = { ...decided.guard, _id: 'a', ...(messageId ? notYetProcessed(messageId) : {}) };
    const change = combineUpdates(
      decided.update,
      messageId ? markProcessed(messageId) : {},
      outbox.length > 0 ? appendToOutbox(...outbox) : {},
    );
    return (await Model.findOneAndUpdate(filter, change, {
      returnDocument: 'after',
    }).lean()) as Aggregate | null;
  };
  const read = async (Model: mongoose.Model<Record<string, unknown>>) =>
    (await Model.findById('a').lean()) as Aggregate | null;

  it('applies the decision, records the message id and appends the outbox in one write, and returns the document as written (decideRemoveHold’s shape)', async () => {
    const Model = await seeded();
    const written = await write(
      Model,
      {
        guard: { reserved: 3, ...arrayElementWith({ 'holds.orderId': 'X' }) },
        update: { $inc: { reserved: -2, sold: 2 }, $pullAll: { holds: [hold('X', 2)] } },
        outbox: [storedEntry('e1'), storedEntry('e2')],
      },
      'm1',
    );
    expect(written).to.deep.include({ reserved: 1, sold: 2, holds: [hold('Y', 1)] });
    expect(written?.processedMessageIds).to.deep.equal(['earlier', 'm1']);
    expect(written?.outbox).to.deep.equal([storedEntry('e1'), storedEntry('e2')]);
    expect(written?.updatedAt).to.be.instanceOf(Date);
    expect(written?.updatedAt.getTime()).to.be.at.least(written?.createdAt.getTime() ?? Infinity);
    expect(await read(Model)).to.deep.equal(written);
  });

  it('the same message again matches nothing: null, and nothing changes (a redelivery)', async () => {
    const Model = await seeded();
    const decided = { update: { $inc: { sold: 1 } }, outbox: [storedEntry('e1')] };
    expect(await write(Model, decided, 'm1')).to.deep.include({ sold: 1 });
    expect(await write(Model, decided, 'm1')).to.equal(null);
    expect(await write(Model, decided, 'earlier')).to.equal(null);
    const stored = await read(Model);
    expect(stored).to.deep.include({ sold: 1, processedMessageIds: ['earlier', 'm1'] });
    expect(stored?.outbox.map((e) => e.id)).to.deep.equal(['e1']);
  });

  it('a guard that no longer holds matches nothing and records nothing, so the message is decided again and then applies', async () => {
    const Model = await seeded({ reserved: 3 });
    const decidedOn = (reserved: number) => ({
      guard: { reserved },
      update: { $inc: { reserved: -1, sold: 1 } },
      outbox: [storedEntry('e1')],
    });
    expect(await write(Model, decidedOn(2), 'm1')).to.equal(null);
    expect(await read(Model)).to.deep.include({
      reserved: 3,
      sold: 0,
      processedMessageIds: ['earlier'],
      outbox: [],
    });
    expect(await write(Model, decidedOn(3), 'm1')).to.deep.include({ reserved: 2, sold: 1 });
  });

  it('an empty state update records only the message id and the outbox (a repeated answer: status $ne PENDING)', async () => {
    const Model = await seeded({ status: 'SUCCEEDED' });
    const answer = {
      guard: { status: mongoose.trusted({ $ne: 'PENDING' }) },
      update: {},
      outbox: [storedEntry('e3')],
    };
    const written = await write(Model, answer, 'm2');
    expect(written).to.deep.include({ status: 'SUCCEEDED', processedMessageIds: ['earlier', 'm2'] });
    expect(written?.outbox).to.deep.equal([storedEntry('e3')]);

    await write(Model, { update: { $set: { status: 'PENDING' } } });
    expect(await write(Model, answer, 'm3'), 'the guard holds no more').to.equal(null);
  });

  it('pushes to three arrays in one update beside $set and a version $inc, guarded by the version (the saga manager)', async () => {
    const Model = await seeded({ version: 4 });
    const reply = (version: number) => ({
      guard: { version },
      update: combineUpdates(
        { $set: { status: 'RUNNING' }, $inc: { version: 1 } },
        { $push: { history: { $each: ['received', 'sent'] } } },
      ),
      outbox: [storedEntry('e4'), storedEntry('e5')],
    });
    const written = await write(Model, reply(4), 'm4');
    expect(written).to.deep.include({
      status: 'RUNNING',
      version: 5,
      history: ['received', 'sent'],
      processedMessageIds: ['earlier', 'm4'],
    });
    expect(written?.outbox.map((e) => e.id)).to.deep.equal(['e4', 'e5']);
    expect(await write(Model, reply(4), 'm5'), 'decided on version 4, which is gone').to.equal(null);
  });

  it('a guard through a single subdocument: its equality in $and beside $ne: null on another of its fields (the repeated refund), and $set through the path (the completed refund)', async () => {
    const Model = await seeded({ status: 'REFUNDING', refund: { refundId: 'r1', refundedAt: null } });
    const repeat = {
      guard: {
        ...arrayElementWith({ 'refund.refundId': 'r1' }),
        'refund.refundedAt': mongoose.trusted({ $ne: null }),
      },
      update: {},
      outbox: [storedEntry('e6')],
    };
    expect(await write(Model, repeat, 'm6'), 'not refunded yet').to.equal(null);

    const refundedAt = new Date('2030-01-01T00:00:00Z');
    const completed = await write(
      Model,
      {
        guard: { status: 'REFUNDING' },
        update: { $set: { status: 'REFUNDED', 'refund.refundedAt': refundedAt } },
      },
      'm7',
    );
    expect(completed?.refund).to.deep.equal({ refundId: 'r1', refundedAt });

    const repeated = await write(Model, repeat, 'm6');
    expect(repeated?.outbox.map((e) => e.id)).to.deep.equal(['e6']);
    expect(
      await write(Model, { ...repeat, guard: { ...arrayElementWith({ 'refund.refundId': 'r2' }) } }, 'm8'),
    ).to.equal(null);
  });

  it('an equality with null matches a subdocument that is null, once (refundNothing: status FAILED, refund null)', async () => {
    const Model = await seeded({ status: 'FAILED' });
    const refundNothing = {
      guard: { status: 'FAILED', refund: null },
      update: { $set: { refund: { refundId: 'r0', refundedAt: new Date('2030-01-01T00:00:00Z') } } },
    };
    expect((await write(Model, refundNothing, 'm1'))?.refund?.refundId).to.equal('r0');
    expect(await write(Model, refundNothing, 'm2')).to.equal(null);
  });
});
