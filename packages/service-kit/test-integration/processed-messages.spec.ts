import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { topicSamples } from '@saga/contracts/testing';
import { createTestStore, type TestStore } from '@saga/testing';
import {
  aggregateFields,
  appendToOutbox,
  combineUpdates,
  isDuplicateKeyError,
  markProcessed,
  notYetProcessed,
  outboxEntry,
  type AggregateFields,
} from '../src/index.ts';

const stockModel = (db: mongoose.Connection) =>
  db.model(
    'Stock',
    new mongoose.Schema<{ _id: string; reserved: number } & AggregateFields>({
      _id: String,
      reserved: { type: Number, default: 0 },
    }).plugin(aggregateFields),
  );

/** Idempotent consumers on FerretDB: the check and the record of a message id live in the update that applies it. */
describe('processed messages (FerretDB)', function () {
  this.timeout(30_000);
  let store: TestStore;
  let Stock: ReturnType<typeof stockModel>;

  before(async () => {
    store = createTestStore('service-kit-processed-messages');
    const db = await store.connectDatabase(store.dbName('stock'));
    Stock = stockModel(db);
    await Stock.init();
  });
  after(() => store.close());

  /** What a handler does for one message: reserve one unit and announce it, unless this message id was applied. */
  const apply = (sku: string, messageId: string) =>
    Stock.findOneAndUpdate(
      { _id: sku, ...notYetProcessed(messageId) },
      combineUpdates(
        { $inc: { reserved: 1 } },
        markProcessed(messageId),
        appendToOutbox(outboxEntry('inventory.reserved', sku, topicSamples['inventory.reserved'])),
      ),
      { returnDocument: 'after' },
    ).lean();

  it('applies a message once: the same id again matches nothing and changes nothing', async () => {
    const sku = `SKU-${randomUUID()}`;
    await Stock.create({ _id: sku });
    const first = await apply(sku, 'message-1');
    expect(first?.reserved).to.equal(1);
    expect(first?.processedMessageIds).to.deep.equal(['message-1']);
    expect(first?.outbox).to.have.length(1);

    const again = await apply(sku, 'message-1');
    expect(again).to.equal(null);
    const stored = await Stock.findById(sku).lean();
    expect(stored?.reserved).to.equal(1);
    expect(stored?.processedMessageIds).to.deep.equal(['message-1']);
    expect(stored?.outbox).to.have.length(1);
  });

  it('applies a different message id to the same document', async () => {
    const sku = `SKU-${randomUUID()}`;
    await Stock.create({ _id: sku });
    await apply(sku, 'message-1');
    const second = await apply(sku, 'message-2');
    expect(second?.reserved).to.equal(2);
    expect(second?.processedMessageIds).to.deep.equal(['message-1', 'message-2']);
    expect(second?.outbox).to.have.length(2);
  });

  it('turns an upsert of an already-applied message into a duplicate-key error that isDuplicateKeyError recognises', async () => {
    const sku = `SKU-${randomUUID()}`;
    const upsert = () =>
      Stock.findOneAndUpdate(
        { _id: sku, ...notYetProcessed('message-1') },
        combineUpdates({ $inc: { reserved: 1 } }, markProcessed('message-1')),
        { upsert: true, returnDocument: 'after' },
      ).lean();
    expect((await upsert()).reserved).to.equal(1);
    const error = await upsert().catch((e: unknown) => e);
    expect(isDuplicateKeyError(error)).to.equal(true);
    expect((await Stock.findById(sku).lean())?.reserved).to.equal(1);
  });
});
