import { expect } from 'chai';
import mongoose from 'mongoose';
import { guardQueries, isDuplicateKeyError, type OutboxEntry } from '@saga/service-kit';
import { aggregateModel, storedEntry } from './support/aggregate.ts';
import { useOwnDatabase, useOwnMongooseDatabase } from './support/store.ts';

/**
 * An insert that collides is how the platform makes creation idempotent without transactions: every
 * new document (a payment, an account, a SKU's stock, a reservation, an order under its
 * Idempotency-Key, a saga under its definition and key, backed by a unique index on `{ saga, key }`) is the aggregate
 * runtime's `Model.create` under a derived `_id`, and "duplicate key" means "it exists already": the
 * runtime takes it as a lost guard, reads the document and decides again. So an insert's duplicate
 * must come back as code 11000, which isDuplicateKeyError recognises, and leave the first document as
 * it was. (An update's duplicate is another matter: see quirks.spec.ts.)
 */
describe('duplicate keys on insert', () => {
  describe('through the driver', () => {
    const store = useOwnDatabase();

    it('an insert with an _id that exists fails with code 11000 and leaves the first document alone', async () => {
      const payments = store.db.collection<{ _id: string; amount: number }>('payments');
      await payments.insertOne({ _id: 'order-1', amount: 5 });
      const error = await payments.insertOne({ _id: 'order-1', amount: 9 }).catch((e: unknown) => e);
      expect(error).to.include({ code: 11000 });
      expect(isDuplicateKeyError(error)).to.equal(true);
      expect(await payments.findOne({ _id: 'order-1' })).to.deep.equal({ _id: 'order-1', amount: 5 });
    });

    it('an insert that repeats a compound unique index’s values fails with code 11000 (sagas’ unique { saga, key })', async () => {
      const sagas = store.db.collection<{ _id: string; saga: string; key: string }>('sagas');
      await sagas.createIndexes([{ key: { saga: 1, key: 1 }, unique: true }]);
      await sagas.insertOne({ _id: 'saga-1', saga: 'order', key: 'order-1' });
      const error = await sagas
        .insertOne({ _id: 'saga-2', saga: 'order', key: 'order-1' })
        .catch((e: unknown) => e);
      expect(error).to.include({ code: 11000 });
      expect(await sagas.countDocuments({})).to.equal(1);
    });

    it('a compound unique index allows every other pair, the same key under another saga too', async () => {
      const sagas = store.db.collection<{ _id: string; saga: string; key: string }>('sagas');
      await sagas.createIndexes([{ key: { saga: 1, key: 1 }, unique: true }]);
      await sagas.insertMany([
        { _id: 'saga-1', saga: 'order', key: 'order-1' },
        { _id: 'saga-2', saga: 'order', key: 'order-2' },
        { _id: 'saga-3', saga: 'trip', key: 'order-1' },
      ]);
      expect(await sagas.countDocuments({})).to.equal(3);
    });
  });

  describe('through mongoose, as the aggregate runtime inserts', () => {
    const store = useOwnMongooseDatabase(guardQueries);
    const sagaSchema = () =>
      new mongoose.Schema({
        _id: String,
        saga: { type: String, required: true },
        key: { type: String, required: true },
      }).index({ saga: 1, key: 1 }, { unique: true });

    it('Model.create of an existing _id rejects with a duplicate key error', async () => {
      const Payment = store.db.model('Payment', new mongoose.Schema({ _id: String, amount: Number }));
      await Payment.create({ _id: 'order-1', amount: 5 });
      const error = await Payment.create({ _id: 'order-1', amount: 9 }).catch((e: unknown) => e);
      expect(error).to.include({ code: 11000 });
      expect(isDuplicateKeyError(error)).to.equal(true);
      expect((await Payment.findById('order-1').lean())?.amount).to.equal(5);
    });

    it('Model.create of a new _id repeating a unique compound index’s values rejects with a duplicate key error, once Model.init built the index (saga-model’s { saga, key })', async () => {
      const Saga = store.db.model('Saga', sagaSchema());
      await Saga.init();
      await Saga.create({ _id: 'saga-1', saga: 'order', key: 'order-1' });
      const error = await Saga.create({ _id: 'saga-2', saga: 'order', key: 'order-1' }).catch(
        (e: unknown) => e,
      );
      expect(error).to.include({ code: 11000 });
      expect(isDuplicateKeyError(error)).to.equal(true);
      expect(await Saga.countDocuments({})).to.equal(1);
    });

    it('the runtime’s insert, { ...document, _id, processedMessageIds, outbox }, of an existing _id: a duplicate key, the first document with its message id and outbox kept, and a read by _id finds it to decide again', async () => {
      const Order = aggregateModel(store.db, { status: String });
      const insert = (status: string, messageId: string, outbox: OutboxEntry[]) =>
        Order.create({ status, _id: 'o1', processedMessageIds: [messageId], outbox });

      const created = (await insert('PENDING', 'm1', [storedEntry('e1')])).toObject();
      expect(created).to.deep.include({ _id: 'o1', status: 'PENDING', processedMessageIds: ['m1'] });
      expect(created.outbox).to.deep.equal([storedEntry('e1')]);

      const error = await insert('OTHER', 'm2', [storedEntry('e2')]).catch((e: unknown) => e);
      expect(error).to.include({ code: 11000 });
      expect(isDuplicateKeyError(error)).to.equal(true);

      const found = await Order.findById('o1').lean();
      expect(found).to.deep.include({ status: 'PENDING', processedMessageIds: ['m1'] });
      expect(found?.outbox).to.deep.equal([storedEntry('e1')]);
    });
  });
});
