import { expect } from 'chai';
import mongoose from 'mongoose';
import { topicSamples } from '@saga/contracts/testing';
import { isTraceparent } from '@saga/events';
import { appendToOutbox, outboxEntry, outboxEntrySchema } from '../src/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('outboxEntry', () => {
  it('fixes a new id at write time, so a re-send keeps it', () => {
    const a = outboxEntry('order.created', 'order-1', topicSamples['order.created']);
    const b = outboxEntry('order.created', 'order-1', topicSamples['order.created']);
    expect(a.id).to.match(UUID);
    expect(b.id).to.not.equal(a.id);
  });

  it('keeps the topic, key and typed value, and stamps the time of writing', () => {
    const before = Date.now();
    const entry = outboxEntry('payment.request', 'order-7', topicSamples['payment.request']);
    expect(entry.topic).to.equal('payment.request');
    expect(entry.key).to.equal('order-7');
    expect(entry.value).to.deep.equal(topicSamples['payment.request']);
    expect(entry.createdAt.getTime()).to.be.within(before, Date.now());
  });

  it('stores the message that caused it as the parent of what it sends (no span active)', () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const entry = outboxEntry('inventory.reserve', 'o', topicSamples['inventory.reserve'], {
      traceparent: parent,
    });
    expect(entry.traceparent).to.equal(parent);
  });

  it('starts a new trace when nothing caused it', () => {
    const entry = outboxEntry('order.created', 'o', topicSamples['order.created']);
    expect(isTraceparent(entry.traceparent)).to.equal(true);
  });

  it('accepts only the message type of its topic', () => {
    // @ts-expect-error an OrderCreated is not a ConfirmOrder
    const wrong = outboxEntry('order.confirm', 'o', topicSamples['order.created']);
    expect(wrong.topic).to.equal('order.confirm');
  });
});

describe('outboxEntrySchema', () => {
  const Thing = mongoose
    .createConnection()
    .model('Thing', new mongoose.Schema({ outbox: { type: [outboxEntrySchema], default: [] } }));

  it('stores a whole entry, value included, without a sub-document _id', async () => {
    const entry = outboxEntry('order.created', 'o', topicSamples['order.created']);
    const doc = new Thing({ outbox: [entry] });
    await doc.validate();
    const stored = (doc.toObject() as unknown as { outbox: Record<string, unknown>[] }).outbox[0];
    expect(stored).to.deep.equal(entry);
  });

  it('requires every field', async () => {
    const doc = new Thing({ outbox: [{ topic: 'order.created' }] });
    const error = (await doc.validate().catch((e: unknown) => e)) as mongoose.Error.ValidationError;
    expect(error).to.be.instanceOf(mongoose.Error.ValidationError);
    expect(Object.keys(error.errors).sort()).to.deep.equal(
      ['outbox.0.createdAt', 'outbox.0.id', 'outbox.0.key', 'outbox.0.traceparent', 'outbox.0.value'].sort(),
    );
  });

  it('indexes createdAt, so the relay finds pending entries without scanning every document', () => {
    expect(Thing.schema.indexes().map(([fields]) => fields)).to.deep.include({ 'outbox.createdAt': 1 });
  });
});

describe('appendToOutbox', () => {
  it('pushes every entry, in order, in one $push, and raises the pending flag', () => {
    const a = outboxEntry('order.created', 'o', topicSamples['order.created']);
    const b = outboxEntry('order.created', 'o', topicSamples['order.created']);
    expect(appendToOutbox(a, b)).to.deep.equal({
      $push: { outbox: { $each: [a, b] } },
      $set: { outboxPending: true },
    });
  });
});
