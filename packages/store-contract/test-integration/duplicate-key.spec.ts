import { expect } from 'chai';
import mongoose from 'mongoose';
import { isDuplicateKeyError } from '@saga/service-kit';
import { useOwnDatabase, useOwnMongooseDatabase } from './support/store.ts';

/**
 * An insert that collides is how the platform makes creation idempotent without transactions: a
 * payment, an account, a stock line and an order (Idempotency-Key) are inserted under a derived `_id`,
 * a saga under a unique order id, and "duplicate key" means "it exists already, read it". So an
 * insert's duplicate must come back as code 11000, which isDuplicateKeyError recognises, and leave
 * the first document as it was. (An update's duplicate is another matter: see quirks.spec.ts.)
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

    it('an insert that repeats a unique index’s value fails with code 11000 (sagas’ unique orderId)', async () => {
      const sagas = store.db.collection<{ _id: string; orderId: string }>('sagas');
      await sagas.createIndexes([{ key: { orderId: 1 }, unique: true }]);
      await sagas.insertOne({ _id: 'saga-1', orderId: 'order-1' });
      const error = await sagas.insertOne({ _id: 'saga-2', orderId: 'order-1' }).catch((e: unknown) => e);
      expect(error).to.include({ code: 11000 });
      expect(await sagas.countDocuments({})).to.equal(1);
    });

    it('a unique index allows every other value', async () => {
      const sagas = store.db.collection<{ _id: string; orderId: string }>('sagas');
      await sagas.createIndexes([{ key: { orderId: 1 }, unique: true }]);
      await sagas.insertMany([
        { _id: 'saga-1', orderId: 'order-1' },
        { _id: 'saga-2', orderId: 'order-2' },
      ]);
      expect(await sagas.countDocuments({})).to.equal(2);
    });
  });

  describe('through mongoose, as the services insert', () => {
    const store = useOwnMongooseDatabase();
    const sagaSchema = () =>
      new mongoose.Schema({ _id: String, orderId: { type: String, required: true, unique: true } });

    it('Model.create of an existing _id rejects with a duplicate key error (open-payment, set-balance, create-order)', async () => {
      const Payment = store.db.model('Payment', new mongoose.Schema({ _id: String, amount: Number }));
      await Payment.create({ _id: 'order-1', amount: 5 });
      const error = await Payment.create({ _id: 'order-1', amount: 9 }).catch((e: unknown) => e);
      expect(error).to.include({ code: 11000 });
      expect(isDuplicateKeyError(error)).to.equal(true);
      expect((await Payment.findById('order-1').lean())?.amount).to.equal(5);
    });

    it('save() of a new document repeating a `unique: true` path rejects with a duplicate key error, once Model.init built the index (saga-store insert)', async () => {
      const Saga = store.db.model('Saga', sagaSchema());
      await Saga.init();
      await new Saga({ _id: 'saga-1', orderId: 'order-1' }).save();
      const error = await new Saga({ _id: 'saga-2', orderId: 'order-1' }).save().catch((e: unknown) => e);
      expect(error).to.include({ code: 11000 });
      expect(isDuplicateKeyError(error)).to.equal(true);
      expect(await Saga.countDocuments({})).to.equal(1);
    });
  });
});
