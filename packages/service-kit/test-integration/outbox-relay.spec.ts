import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { TopicMessageMap } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import type { EventClient } from '@saga/events';
import { createLogger } from '@saga/logging';
import {
  createTestNamespace,
  quietLogger,
  waitFor,
  type TestListener,
  type TestNamespace,
} from '@saga/testing';
import {
  appendToOutbox,
  outboxEntry,
  outboxFields,
  startOutboxRelay,
  type OutboxEntry,
  type OutboxRelay,
  type RetryPolicy,
} from '../src/index.ts';

const orderModel = (db: mongoose.Connection) =>
  db.model(
    'Order',
    new mongoose.Schema<{ _id: string; status: string; outbox: OutboxEntry[]; outboxPending?: boolean }>({
      _id: String,
      status: String,
    }).plugin(outboxFields),
  );

/**
 * The relay against FerretDB and Kafka: what a document's outbox holds reaches consumers, in order,
 * once removed. In a test namespace: the relay publishes on the suite's own order.created.
 */
describe('outbox relay (FerretDB + Kafka)', function () {
  this.timeout(90_000);
  const policy: RetryPolicy = {
    initialDelayMs: 50,
    maxDelayMs: 200,
    multiplier: 2,
    jitter: 0,
    giveUpAfterMs: 5000,
  };
  const logger = quietLogger('service-kit-relay-test');
  let ns: TestNamespace;
  let events: EventClient<TopicMessageMap>;
  /** Every delivery, repeats included: re-sending after a crash is what one test is about. */
  let listener: TestListener<'order.created'>;
  let Order: ReturnType<typeof orderModel>;
  const relays: OutboxRelay[] = [];

  before(async () => {
    ns = await createTestNamespace('service-kit-outbox-relay');
    Order = orderModel(await ns.connectDatabase(ns.dbName('orders')));
    await Order.init();
    events = ns.eventClient('service-kit-relay-test');
    await events.connect({ publishes: ['order.created'] });
    listener = await ns.listen(['order.created'], { keepRepeats: true });
  });
  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.stop();
  });
  after(() => ns.close());

  const created = (orderId: string, note: string) =>
    outboxEntry('order.created', orderId, { ...topicSamples['order.created'], orderId, note });
  const outboxOf = async (id: string) =>
    ((await Order.collection.findOne({ _id: id as never })) as { outbox: OutboxEntry[] } | null)?.outbox;

  it('publishes a document’s entries in order with their ids, in their causes’ traces, then removes only them', async () => {
    const orderId = randomUUID();
    const entries = [created(orderId, 'first'), created(orderId, 'second'), created(orderId, 'third')];
    await Order.create({ _id: orderId, status: 'placed', outbox: entries });
    relays.push(startOutboxRelay({ models: [Order], events, logger, retryPolicy: policy }));

    await waitFor('three messages', () => listener.forKey(orderId).length === 3);
    const got = listener.forKey(orderId);
    expect(got.map((r) => r.context.id)).to.deep.equal(entries.map((e) => e.id));
    expect(got.map((r) => r.value.note)).to.deep.equal(['first', 'second', 'third']);
    // Each message is a new span (tracing off: a new span id) in the trace of the entry's stored cause.
    const traceOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
    expect(got.map((r) => traceOf(r.context.traceparent))).to.deep.equal(
      entries.map((e) => traceOf(e.traceparent)),
    );
    expect(got.map((r) => r.context.traceparent)).to.not.have.members(entries.map((e) => e.traceparent));
    expect(got[0]?.value).to.deep.equal(entries[0]?.value);
    await waitFor('the outbox to empty', async () => (await outboxOf(orderId))?.length === 0);
    expect((await Order.findById(orderId).lean())?.status).to.equal('placed');
  });

  it('relays entries written later to the same document too, after the earlier ones', async () => {
    const orderId = randomUUID();
    await Order.create({ _id: orderId, status: 'placed', outbox: [created(orderId, 'early')] });
    const relay = startOutboxRelay({ models: [Order], events, logger, retryPolicy: policy });
    relays.push(relay);
    await waitFor('the early message', () => listener.forKey(orderId).length === 1);

    const later = [created(orderId, 'later 1'), created(orderId, 'later 2')];
    await Order.updateOne({ _id: orderId }, { $set: { status: 'changed' }, ...appendToOutbox(...later) });
    relay.nudge();
    await waitFor('the later messages', () => listener.forKey(orderId).length === 3);
    expect(
      listener
        .forKey(orderId)
        .slice(1)
        .map((r) => r.context.id),
    ).to.deep.equal(later.map((e) => e.id));
    await waitFor('the outbox to empty', async () => (await outboxOf(orderId))?.length === 0);
  });

  it('re-sends with the same ids when a relay stopped after publishing but before removing', async () => {
    const orderId = randomUUID();
    const entries = [created(orderId, 'a'), created(orderId, 'b')];
    await Order.create({ _id: orderId, status: 'placed', outbox: entries });

    // The first relay publishes, then "crashes" at the removal: its store write never lands.
    const crashing = {
      modelName: Order.modelName,
      schema: Order.schema,
      collection: {
        collectionName: Order.collection.collectionName,
        find: Order.collection.find.bind(Order.collection),
        updateOne: () => Promise.reject(new Error('process died before removing the sent entries')),
      },
    } as unknown as typeof Order;
    // Its failure is expected here, so its log is silenced.
    const silent = createLogger('service-kit-test', 'silent');
    const first = startOutboxRelay({ models: [crashing], events, logger: silent, retryPolicy: policy });
    await waitFor('the first sends', () => listener.forKey(orderId).length >= 2);
    await first.stop();
    expect(await outboxOf(orderId)).to.have.length(2);

    const before = listener.forKey(orderId).length;
    relays.push(startOutboxRelay({ models: [Order], events, logger, retryPolicy: policy }));
    await waitFor('the outbox to empty', async () => (await outboxOf(orderId))?.length === 0);
    await waitFor('the re-sent messages', () => listener.forKey(orderId).length >= before + 2);
    const resent = listener.forKey(orderId).slice(before);
    expect(resent.map((r) => r.context.id)).to.deep.equal(entries.map((e) => e.id));
    // Every delivery carries one of the two ids: consumers dedupe the repeats by them.
    expect(new Set(listener.forKey(orderId).map((r) => r.context.id))).to.deep.equal(
      new Set(entries.map((e) => e.id)),
    );
  });

  it('leaves documents without pending entries alone', async () => {
    const orderId = randomUUID();
    await Order.create({ _id: orderId, status: 'quiet' });
    relays.push(startOutboxRelay({ models: [Order], events, logger, retryPolicy: policy, intervalMs: 50 }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(listener.forKey(orderId)).to.deep.equal([]);
    expect(await outboxOf(orderId)).to.deep.equal([]);
  });

  it('leaves a document whose key another replica owns to that replica, and sends it once it owns the key', async () => {
    const orderId = randomUUID();
    await Order.create({ _id: orderId, status: 'placed', outbox: [created(orderId, 'theirs')] });
    let owned = false;
    const relay = startOutboxRelay({
      models: [Order],
      events,
      logger,
      retryPolicy: policy,
      mayWrite: (_model, doc) => owned || doc._id !== orderId,
    });
    relays.push(relay);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(listener.forKey(orderId)).to.deep.equal([]);
    expect(await outboxOf(orderId)).to.have.length(1);

    owned = true;
    relay.nudge();

    await waitFor('the message, once the key is owned', () => listener.forKey(orderId).length === 1);
    await waitFor('its removal', async () => (await outboxOf(orderId))?.length === 0);
  });
});
