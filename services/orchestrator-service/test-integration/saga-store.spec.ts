import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type mongoose from 'mongoose';
import type { ReceivedEntry, SagaDocument } from '@saga/saga-runtime';
import { sagaModel, type SagaModel } from '@saga/saga-runtime';
import { orderSagaBinding } from '../src/order-saga-binding.ts';
import {
  createAggregateRuntime,
  createSingleWriter,
  enforceSingleWriter,
  guardQueries,
  type AggregateRuntime,
} from '@saga/service-kit';
import { createSagaManager, mongooseSagaStore, type SagaStore } from '@saga/saga-runtime';
import { delivery, orderCreated, replyFor } from '../test/support/deliveries.ts';
import { connectDatabase, silentLogger, testDbName } from './support/stack.ts';

const received = (saga: SagaDocument | null) =>
  (saga?.history ?? []).filter((entry): entry is ReceivedEntry => entry.direction === 'RECEIVED');

/** The saga manager's reads and writes against the store itself, through the aggregate runtime. */
describe('sagas in the store (FerretDB)', function () {
  this.timeout(30_000);
  const dbName = testDbName();
  let db: mongoose.Connection;
  let Saga: SagaModel;
  let store: SagaStore;
  let aggregates: AggregateRuntime;

  before(async () => {
    db = await connectDatabase(dbName);
    // As runService sets the connection up: guarded queries, one writer per document.
    guardQueries(db);
    const writer = createSingleWriter();
    enforceSingleWriter(db, writer);
    // No relay runs here, so outboxes keep what the sagas sent, for the tests to read.
    aggregates = createAggregateRuntime({ writer, relay: { nudge: () => undefined }, logger: silentLogger });
    Saga = sagaModel(db);
    await Saga.init();
    store = mongooseSagaStore(Saga);
  });
  after(async () => {
    await db.dropDatabase();
    await db.close();
  });

  const managerOn = () =>
    createSagaManager({
      binding: orderSagaBinding,
      sagas: { apply: (sagaId, options) => aggregates.apply(Saga, sagaId, options) },
      logger: silentLogger,
    });

  async function found(sagaId: string): Promise<SagaDocument> {
    const saga = await store.findById(sagaId);
    if (!saga) throw new Error(`saga ${sagaId} is not in the store`);
    return saga;
  }

  /** A saga started through the manager, and the ids its replies carry. */
  async function started() {
    const orderId = randomUUID();
    const result = await managerOn().start(orderCreated(orderId), delivery('created-1'));
    if (result.kind !== 'STARTED') throw new Error('saga not started');
    return { orderId, sagaId: result.sagaId };
  }

  it('stores a new saga as decided, its data, times and outbox values intact, found by id and by order', async () => {
    const ids = await started();

    const saga = await found(ids.sagaId);

    expect(saga).to.include({ _id: ids.sagaId, key: ids.orderId, keyName: 'orderId', saga: 'order' });
    expect(saga.status).to.equal('RUNNING');
    expect(saga.data).to.deep.include({ orderId: ids.orderId, sagaId: ids.sagaId, reservationId: null });
    expect(saga.steps[0]?.startedAt).to.be.instanceOf(Date);
    expect(saga.steps[0]).to.include({ status: 'ACTIVE', attempts: 1, endedAt: null, compensation: null });
    expect(saga.outbox[0]?.value).to.have.property('requestedAt').that.is.instanceOf(Date);
    expect(saga.history.map((entry) => entry.direction)).to.deep.equal(['RECEIVED', 'SENT']);
    expect(saga.history[1]).to.deep.equal({
      direction: 'SENT',
      topic: 'inventory.reserve',
      messageId: saga.outbox[0]?.id,
      at: saga.createdAt,
    });
    expect(await store.findByKey('order', ids.orderId)).to.deep.equal(saga);
  });

  it('keeps one saga per order: the saga id derives from the order, so a second start inserts nothing', async () => {
    const ids = await started();
    const again = await managerOn().start(orderCreated(ids.orderId), delivery('created-2'));

    expect(again).to.deep.equal({ kind: 'ALREADY_STARTED', sagaId: ids.sagaId });
    expect(await Saga.countDocuments({ saga: 'order', key: ids.orderId })).to.equal(1);
    expect((await found(ids.sagaId)).processedMessageIds).to.deep.equal(['created-1']);
  });

  it('walks a saga to its end, keeping each step’s attempts and times, and the whole history', async () => {
    const ids = await started();
    const manager = managerOn();
    for (const topic of ['inventory.reserved', 'payment.success', 'inventory.completed'] as const) {
      expect((await manager.handleReply(replyFor(topic, ids), delivery())).kind, topic).to.equal('APPLIED');
    }

    const saga = await found(ids.sagaId);

    expect(saga).to.include({ status: 'COMPLETED', currentStep: null, version: 3 });
    for (const step of saga.steps) {
      expect(step, step.name).to.include({ status: 'SUCCEEDED', attempts: 1, compensation: null });
      expect(step.startedAt, step.name).to.be.instanceOf(Date);
      expect(step.endedAt?.getTime(), step.name).to.be.at.least(step.startedAt?.getTime() ?? Infinity);
    }
    expect(saga.outbox.map((entry) => entry.topic)).to.deep.equal([
      'inventory.reserve',
      'payment.request',
      'inventory.commit',
      'order.confirm',
    ]);
    expect(
      saga.history.map((entry) => `${entry.direction} ${'topic' in entry ? entry.topic : ''}`),
    ).to.deep.equal([
      'RECEIVED order.created',
      'SENT inventory.reserve',
      'RECEIVED inventory.reserved',
      'SENT payment.request',
      'RECEIVED payment.success',
      'SENT inventory.commit',
      'RECEIVED inventory.completed',
      'SENT order.confirm',
    ]);
  });

  it('records every one of a saga’s replies handled at once in one process, losing none', async () => {
    const ids = await started();
    const manager = managerOn();

    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        manager.handleReply(replyFor('inventory.reserved', ids), delivery(`reserved-${i}`)),
      ),
    );

    expect(results.filter((result) => result.kind === 'APPLIED')).to.have.length(1);
    const saga = await store.findById(ids.sagaId);
    expect(saga?.version).to.equal(6);
    expect(saga?.processedMessageIds).to.have.length(7);
    expect(received(saga)).to.have.length(7);
  });

  it('records a reply the engine refuses for a broken stored state as REJECTED, and leaves the saga be', async () => {
    const ids = await started();
    // Written behind the service's back (no writer holds it): the native collection, as a bad migration would.
    await Saga.collection.updateOne({ _id: ids.sagaId } as never, { $set: { stateVersion: 7 } });

    const result = await managerOn().handleReply(replyFor('inventory.reserved', ids), delivery('r-1'));

    expect(result).to.include({ kind: 'REJECTED', version: 1 });
    const saga = await store.findById(ids.sagaId);
    expect(saga).to.include({ status: 'RUNNING', currentStep: 0, stateVersion: 7 });
    expect(received(saga).at(-1)).to.include({
      messageId: 'r-1',
      outcome: 'REJECTED',
      reason: 'UNSUPPORTED_STATE_VERSION',
    });
  });
});
