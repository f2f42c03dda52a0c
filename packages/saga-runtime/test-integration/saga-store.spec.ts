import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { defineSaga } from '@saga/saga-engine';
import {
  createAggregateRuntime,
  createSingleWriter,
  enforceSingleWriter,
  guardQueries,
  type AggregateRuntime,
} from '@saga/service-kit';
import { createTestStore, type TestStore } from '@saga/testing';
import {
  createSagaManager,
  mongooseSagaStore,
  sagaModel,
  type ReceivedEntry,
  type SagaDocument,
  type SagaModel,
  type SagaStore,
} from '../src/index.ts';
import { delivery, replyFor, tripRequested, tripSaga, tripSagaBinding } from '../test/support/trip-saga.ts';

const received = (saga: SagaDocument | null) =>
  (saga?.history ?? []).filter((entry): entry is ReceivedEntry => entry.direction === 'RECEIVED');

/** The saga manager's reads and writes against the store itself, through the aggregate runtime. */
describe('sagas in the store (FerretDB)', function () {
  this.timeout(30_000);
  /** Some tests provoke warnings and errors on purpose; what they check is the outcome, not the log. */
  const silentLogger = createLogger('saga-runtime-test', 'silent');
  let testStore: TestStore;
  let Saga: SagaModel;
  let store: SagaStore;
  let aggregates: AggregateRuntime;

  before(async () => {
    testStore = createTestStore('saga-runtime-saga-store');
    const db = await testStore.connectDatabase(testStore.dbName('sagas'));
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
  after(() => testStore.close());

  const managerOn = () =>
    createSagaManager({
      binding: tripSagaBinding,
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
    const tripId = randomUUID();
    const result = await managerOn().start(tripRequested(tripId), delivery('requested-1'));
    if (result.kind !== 'STARTED') throw new Error('saga not started');
    return { tripId, sagaId: result.sagaId };
  }

  it('stores a new saga as decided, its data, times and outbox values intact, found by id and by key', async () => {
    const ids = await started();

    const saga = await found(ids.sagaId);

    expect(saga).to.include({ _id: ids.sagaId, key: ids.tripId, keyName: 'tripId', saga: 'trip' });
    expect(saga.status).to.equal('RUNNING');
    expect(saga.data).to.deep.include({ tripId: ids.tripId, sagaId: ids.sagaId, bookingId: null });
    expect(saga.steps[0]?.startedAt).to.be.instanceOf(Date);
    expect(saga.steps[0]).to.include({ status: 'ACTIVE', attempts: 1, endedAt: null, compensation: null });
    expect(saga.outbox[0]?.value).to.have.property('requestedAt').that.is.instanceOf(Date);
    expect(saga.history.map((entry) => entry.direction)).to.deep.equal(['RECEIVED', 'SENT']);
    expect(saga.history[1]).to.deep.equal({
      direction: 'SENT',
      topic: 'flight.book',
      messageId: saga.outbox[0]?.id,
      at: saga.createdAt,
    });
    expect(await store.findByKey('trip', ids.tripId)).to.deep.equal(saga);
  });

  it('keeps one saga per trip: the saga id derives from the trip, so a second start inserts nothing', async () => {
    const ids = await started();
    const again = await managerOn().start(tripRequested(ids.tripId), delivery('requested-2'));

    expect(again).to.deep.equal({ kind: 'ALREADY_STARTED', sagaId: ids.sagaId });
    expect(await Saga.countDocuments({ saga: 'trip', key: ids.tripId })).to.equal(1);
    expect((await found(ids.sagaId)).processedMessageIds).to.deep.equal(['requested-1']);
  });

  it('keeps the saga of another definition under the same key beside it: one collection holds them all', async () => {
    const ids = await started();
    const voyages = createSagaManager({
      binding: { ...tripSagaBinding, definition: defineSaga({ ...tripSaga, name: 'voyage' }) },
      sagas: { apply: (sagaId, options) => aggregates.apply(Saga, sagaId, options) },
      logger: silentLogger,
    });

    const voyage = await voyages.start(tripRequested(ids.tripId), delivery('requested-v'));

    expect(voyage.kind).to.equal('STARTED');
    expect(voyage.sagaId).to.not.equal(ids.sagaId);
    expect(await Saga.countDocuments({ key: ids.tripId })).to.equal(2);
    expect(await store.findByKey('voyage', ids.tripId)).to.include({ _id: voyage.sagaId, saga: 'voyage' });
    expect(await store.findByKey('trip', ids.tripId)).to.include({ _id: ids.sagaId, saga: 'trip' });
  });

  it('walks a saga to its end, keeping each step’s attempts and times, and the whole history', async () => {
    const ids = await started();
    const manager = managerOn();
    for (const topic of ['flight.booked', 'card.charged', 'tickets.issued'] as const) {
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
      'flight.book',
      'card.charge',
      'tickets.issue',
      'trip.confirm',
    ]);
    expect(
      saga.history.map((entry) => `${entry.direction} ${'topic' in entry ? entry.topic : ''}`),
    ).to.deep.equal([
      'RECEIVED trip.requested',
      'SENT flight.book',
      'RECEIVED flight.booked',
      'SENT card.charge',
      'RECEIVED card.charged',
      'SENT tickets.issue',
      'RECEIVED tickets.issued',
      'SENT trip.confirm',
    ]);
  });

  it('records every one of a saga’s replies handled at once in one process, losing none', async () => {
    const ids = await started();
    const manager = managerOn();

    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        manager.handleReply(replyFor('flight.booked', ids), delivery(`reserved-${i}`)),
      ),
    );

    expect(results.filter((result) => result.kind === 'APPLIED')).to.have.length(1);
    const saga = await store.findById(ids.sagaId);
    expect(saga?.version).to.equal(6);
    expect(saga?.processedMessageIds).to.have.length(7);
    expect(received(saga)).to.have.length(7);
  });

  it('records a reply the engine refuses for a broken stored state as REJECTED, and stops the saga for a person, with the cause', async () => {
    const ids = await started();
    // Written behind the service's back (no writer holds it): the native collection, as a bad migration would.
    await Saga.collection.updateOne({ _id: ids.sagaId } as never, { $set: { stateVersion: 7 } });

    const result = await managerOn().handleReply(replyFor('flight.booked', ids), delivery('r-1'));

    expect(result).to.include({ kind: 'REJECTED', version: 1, status: 'NEEDS_ATTENTION' });
    const saga = await store.findById(ids.sagaId);
    expect(saga).to.include({ status: 'NEEDS_ATTENTION', currentStep: 0, stateVersion: 7, deadlineAt: null });
    expect(saga?.attention).to.deep.include({ step: 0, reason: 'REPLY_REJECTED', resumeStatus: 'RUNNING' });
    expect(saga?.attention?.detail).to.contain('UNSUPPORTED_STATE_VERSION');
    expect(received(saga).at(-1)).to.include({
      messageId: 'r-1',
      outcome: 'REJECTED',
      reason: 'UNSUPPORTED_STATE_VERSION',
    });
  });
});
