import { expect } from 'chai';
import mongoose from 'mongoose';
import { createTestStore, type TestStore } from '@saga/testing';
import {
  createSingleWriter,
  enforceSingleWriter,
  guardQueries,
  UnserializedWriteError,
  type SingleWriter,
} from '../src/index.ts';

interface CounterDocument {
  _id: string;
  value: number;
  marks: { by: string }[];
}

/** One schema object for every connection, as the services' model modules have it. */
const counterSchema = new mongoose.Schema<CounterDocument>({
  _id: String,
  value: Number,
  marks: [new mongoose.Schema({ by: String }, { _id: false })],
});
const counterModel = (db: mongoose.Connection) => db.model<CounterDocument>('Counter', counterSchema);

const refusal = (error: unknown) => {
  expect(error).to.be.instanceOf(UnserializedWriteError);
  return (error as UnserializedWriteError).message;
};

/** A service's connection refuses every write its code does not make as the document's single writer. */
describe('enforceSingleWriter (on the store)', function () {
  this.timeout(30_000);
  let store: TestStore;
  let Counter: ReturnType<typeof counterModel>;
  let writer: SingleWriter;
  const value = async (id: string) => (await Counter.findById(id).lean())?.value;

  before(async () => {
    store = createTestStore('service-kit-enforce-single-writer');
    const db = await store.connectDatabase(store.dbName('counters'));
    guardQueries(db);
    writer = createSingleWriter();
    enforceSingleWriter(db, writer);
    Counter = counterModel(db);
    await Counter.init();
    // With a subdocument: its schema's save hook runs too, and must not count as a write of its own.
    await writer.run(Counter, 'c-1', () => Counter.create({ _id: 'c-1', value: 1, marks: [{ by: 'a' }] }));
  });
  after(() => store.close());

  it('applies writes made as the document’s writer: insert, update, find-and-update', async () => {
    await writer.run(Counter, 'c-1', () => Counter.updateOne({ _id: 'c-1' }, { $inc: { value: 1 } }));
    const after = await writer.run(Counter, 'c-1', () =>
      Counter.findOneAndUpdate({ _id: 'c-1' }, { $inc: { value: 1 } }, { returnDocument: 'after' }).lean(),
    );
    expect(after?.value).to.equal(3);
  });

  it('refuses an update outside the writer, naming collection, document and fix, and changes nothing', async () => {
    const before = await value('c-1');
    const message = refusal(
      await Counter.updateOne({ _id: 'c-1' }, { $inc: { value: 10 } }).catch((error: unknown) => error),
    );
    expect(message).to.include('counters c-1').and.include('outside its single writer').and.include('fix:');
    expect(await value('c-1')).to.equal(before);
  });

  it('refuses a write while holding another document only', async () => {
    const error = await writer
      .run(Counter, 'c-2', () => Counter.updateOne({ _id: 'c-1' }, { $inc: { value: 10 } }))
      .catch((e: unknown) => e);
    refusal(error);
  });

  it('refuses an insert outside the writer', async () => {
    refusal(await Counter.create({ _id: 'c-3', value: 0 }).catch((error: unknown) => error));
    expect(await Counter.findById('c-3').lean()).to.equal(null);
  });

  it('refuses a write whose filter names no single document, and a write of many', async () => {
    expect(
      refusal(
        await writer
          .run(Counter, 'c-1', () => Counter.updateOne({ value: 3 }, { $inc: { value: 1 } }))
          .catch((e: unknown) => e),
      ),
    ).to.include('names no _id');
    expect(refusal(await Counter.updateMany({}, { $inc: { value: 1 } }).catch((e: unknown) => e))).to.include(
      'many documents',
    );
  });

  it('asks the writer of the connection the write goes to, when several share one schema', async () => {
    // A second database of the suite, on a connection of its own; close drops it with the first.
    const other = await store.connectDatabase(store.dbName('other-counters'));
    guardQueries(other);
    const otherWriter = createSingleWriter();
    enforceSingleWriter(other, otherWriter);
    const OtherCounter = counterModel(other);
    await otherWriter.run(OtherCounter, 'c-9', () => OtherCounter.create({ _id: 'c-9', value: 1 }));
    await otherWriter.run(OtherCounter, 'c-9', () =>
      OtherCounter.updateOne({ _id: 'c-9' }, { $inc: { value: 1 } }),
    );
    expect((await OtherCounter.findById('c-9').lean())?.value).to.equal(2);
    // Holding c-9 on the other connection's writer is not being this connection's writer of it.
    const error = await otherWriter
      .run(OtherCounter, 'c-9', () => Counter.create({ _id: 'c-9', value: 1 }))
      .catch((e: unknown) => e);
    refusal(error);
  });

  it('lets reads through anywhere', async () => {
    expect(await value('c-1')).to.be.a('number');
  });
});
