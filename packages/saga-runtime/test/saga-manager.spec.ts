import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import {
  createSagaManager,
  sagaIdOf,
  type ReceivedEntry,
  type SagaDocument,
  type SagaObserver,
  type TimeoutEntry,
} from '../src/index.ts';
import { memorySagaStore } from '../src/testing/index.ts';
import {
  bookFlightPolicy,
  delivery,
  replyFor,
  traceId,
  tripRequested,
  tripSagaBinding,
} from './support/trip-saga.ts';

const silent = createLogger('saga-manager-test', 'silent');
const at = new Date('2025-03-04T10:00:00.000Z');

/** A manager of the trip saga over sagas in memory, with a fixed clock, and a trip to start it for. */
function setup(observer?: SagaObserver) {
  const memory = memorySagaStore();
  const tripId = randomUUID();
  const sagaId = sagaIdOf(tripSagaBinding.definition.name, tripId);
  let clock = at;
  const manager = createSagaManager({
    binding: tripSagaBinding,
    sagas: memory.sagas,
    logger: silent,
    now: () => clock,
    random: () => 0.5,
    ...(observer ? { observer } : {}),
  });
  /** Moves the manager's clock to `time`. */
  const setClock = (time: Date) => {
    clock = time;
  };
  return { manager, memory, tripId, sagaId, nudges: memory.nudges, setClock };
}

/** A started saga and the ids its replies carry. */
async function startedSaga(context = setup()) {
  const tripId = context.tripId;
  await context.manager.start(tripRequested(tripId), delivery('requested-1'));
  const ids = { tripId, sagaId: context.sagaId };
  const saga = () => context.memory.documents.get(context.sagaId)!;
  return { ...context, ids, saga };
}

const received = (saga: SagaDocument) =>
  saga.history.filter((entry): entry is ReceivedEntry => entry.direction === 'RECEIVED');

describe('saga manager', () => {
  describe('start', () => {
    it('inserts the saga with its first command in the outbox, keyed by the trip, in the message’s trace', async () => {
      const { manager, memory, tripId, sagaId, nudges } = setup();

      const result = await manager.start(tripRequested(tripId), delivery('requested-1'));

      expect(result).to.deep.equal({ kind: 'STARTED', sagaId });
      const saga = memory.documents.get(sagaId)!;
      expect(saga).to.include({ key: tripId, keyName: 'tripId', status: 'RUNNING', currentStep: 0 });
      expect(saga.version).to.equal(0);
      expect(saga.processedMessageIds).to.deep.equal(['requested-1']);
      expect(saga.outbox).to.have.length(1);
      expect(saga.outbox[0]).to.include({ topic: 'flight.book', key: tripId });
      expect(saga.outbox[0]?.value).to.deep.include({ tripId, sagaId, requestedAt: at });
      expect(saga.outbox[0]?.traceparent.split('-')[1]).to.equal(traceId);
      expect(
        saga.history.map((entry) => `${entry.direction} ${'topic' in entry ? entry.topic : ''}`),
      ).to.deep.equal(['RECEIVED trip.requested', 'SENT flight.book']);
      expect(nudges()).to.equal(1);
    });

    it('changes nothing when the trip has its saga already, whatever the message id', async () => {
      const { manager, memory, sagaId, ids } = await startedSaga();
      const before = structuredClone(memory.documents.get(sagaId));

      expect(await manager.start(tripRequested(ids.tripId), delivery('requested-1'))).to.deep.equal({
        kind: 'ALREADY_STARTED',
        sagaId,
      });
      expect(await manager.start(tripRequested(ids.tripId), delivery('requested-2'))).to.include({
        kind: 'ALREADY_STARTED',
      });
      expect(memory.documents.get(sagaId)).to.deep.equal(before);
      expect(memory.documents.size).to.equal(1);
    });

    it('derives the saga id from the trip, so the same trip always has the same saga', async () => {
      const { manager, tripId, sagaId } = setup();
      const other = setup();
      expect(await manager.start(tripRequested(tripId), delivery())).to.deep.equal({
        kind: 'STARTED',
        sagaId,
      });
      expect(await other.manager.start(tripRequested(tripId), delivery())).to.deep.equal({
        kind: 'STARTED',
        sagaId,
      });
    });
    it('with a key of several sagas (key.instance), starts one saga per instance under the same key, each once', async () => {
      const memory = memorySagaStore();
      const manager = createSagaManager({
        binding: { ...tripSagaBinding, key: { ...tripSagaBinding.key, instance: (r) => r.destination } },
        sagas: memory.sagas,
        logger: silent,
        now: () => at,
      });
      const tripId = randomUUID();
      const lisbon = { ...tripRequested(tripId), destination: 'Lisbon' };
      const porto = { ...tripRequested(tripId), destination: 'Porto' };
      const lisbonId = sagaIdOf('trip', tripId, 'Lisbon');
      const portoId = sagaIdOf('trip', tripId, 'Porto');

      expect(await manager.start(lisbon, delivery())).to.deep.equal({ kind: 'STARTED', sagaId: lisbonId });
      expect(await manager.start(porto, delivery())).to.deep.equal({ kind: 'STARTED', sagaId: portoId });
      expect(await manager.start(lisbon, delivery())).to.deep.equal({
        kind: 'ALREADY_STARTED',
        sagaId: lisbonId,
      });
      expect(lisbonId).to.not.equal(portoId);
      expect(lisbonId).to.not.equal(sagaIdOf('trip', tripId));
      expect(memory.documents.size).to.equal(2);
      expect(memory.documents.get(portoId)).to.include({ key: tripId, instance: 'Porto' });
      expect(memory.documents.get(portoId)?.outbox[0]).to.include({ key: tripId });
    });
  });

  describe('a reply', () => {
    it('is applied in one guarded update: state, next command, history, message id and version', async () => {
      const context = await startedSaga();
      const { manager, ids, saga, memory } = context;

      const result = await manager.handleReply(replyFor('flight.booked', ids), delivery('reserved-1'));

      expect(result).to.deep.equal({ kind: 'APPLIED', sagaId: ids.sagaId, version: 1, status: 'RUNNING' });
      expect(memory.writes).to.have.length(1);
      expect(memory.writes[0]?.filter).to.deep.equal({ _id: ids.sagaId, version: 0 });
      expect(saga()).to.include({ status: 'RUNNING', currentStep: 1, version: 1 });
      expect(saga().steps.map((step) => step.status)).to.deep.equal(['SUCCEEDED', 'ACTIVE', 'PENDING']);
      expect(saga().outbox.map((entry) => entry.topic)).to.deep.equal(['flight.book', 'card.charge']);
      expect(saga().processedMessageIds).to.deep.equal(['requested-1', 'reserved-1']);
      expect(received(saga()).at(-1)).to.include({ outcome: 'APPLIED', step: 'bookFlight' });
      expect(context.nudges()).to.equal(2);
    });

    it('delivered again with the same message id changes nothing', async () => {
      const { manager, ids, saga } = await startedSaga();
      await manager.handleReply(replyFor('flight.booked', ids), delivery('reserved-1'));
      const before = structuredClone(saga());

      const again = await manager.handleReply(replyFor('flight.booked', ids), delivery('reserved-1'));

      expect(again).to.deep.equal({ kind: 'DUPLICATE', sagaId: ids.sagaId });
      expect(saga()).to.deep.equal(before);
    });

    it('that the saga does not await now is recorded as IGNORED, and changes nothing else', async () => {
      const { manager, ids, saga } = await startedSaga();
      const before = structuredClone(saga());

      const result = await manager.handleReply(replyFor('card.charged', ids), delivery('early-1'));

      expect(result).to.include({ kind: 'IGNORED', version: 1 });
      const { history, processedMessageIds, version, updatedAt, ...state } = saga();
      const { history: h0, processedMessageIds: p0, version: v0, updatedAt: u0, ...stateBefore } = before;
      expect(state).to.deep.equal(stateBefore);
      expect([h0.length, p0.length, v0, u0]).to.deep.equal([2, 1, 0, at]);
      expect([history.length, processedMessageIds.length, version, updatedAt]).to.deep.equal([3, 2, 1, at]);
      expect(received(saga()).at(-1)).to.include({
        topic: 'card.charged',
        messageId: 'early-1',
        outcome: 'IGNORED',
        reason: 'UNEXPECTED',
      });
    });

    it('after the saga ended is recorded as IGNORED (LATE), sending nothing', async () => {
      const { manager, ids, saga } = await startedSaga();
      await manager.handleReply(replyFor('flight.unavailable', ids), delivery());
      expect(saga().status).to.equal('CANCELLED');
      const outbox = saga().outbox.length;

      const late = await manager.handleReply(replyFor('card.charged', ids), delivery('late-1'));

      expect(late).to.include({ kind: 'IGNORED', status: 'CANCELLED' });
      expect(saga().outbox).to.have.length(outbox);
      expect(received(saga()).at(-1)).to.include({ messageId: 'late-1', reason: 'LATE' });
    });

    it('for a trip without a saga, or naming another saga, is skipped', async () => {
      const { manager, ids, memory } = await startedSaga();
      const writes = memory.writes.length;

      expect(
        await manager.handleReply(replyFor('flight.booked', { ...ids, tripId: randomUUID() }), delivery()),
      ).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
      expect(
        await manager.handleReply(replyFor('flight.booked', { ...ids, sagaId: randomUUID() }), delivery()),
      ).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
      expect(memory.writes).to.have.length(writes);
    });

    it('that the engine refuses as broken state is recorded as REJECTED, and the saga needs attention with the cause', async () => {
      const { manager, ids, saga, memory } = await startedSaga();
      memory.documents.set(ids.sagaId, { ...saga(), stateVersion: 99 });

      const result = await manager.handleReply(replyFor('flight.booked', ids), delivery('reserved-1'));

      expect(result).to.include({ kind: 'REJECTED', version: 1, status: 'NEEDS_ATTENTION' });
      expect(saga()).to.include({ status: 'NEEDS_ATTENTION', currentStep: 0, deadlineAt: null });
      expect(saga().attention).to.deep.include({
        step: 0,
        reason: 'REPLY_REJECTED',
        resumeStatus: 'RUNNING',
      });
      expect(saga().attention?.detail).to.contain('UNSUPPORTED_STATE_VERSION');
      expect(saga().outbox).to.have.length(1);
      expect(saga().processedMessageIds).to.include('reserved-1');
      expect(received(saga()).at(-1)).to.include({
        outcome: 'REJECTED',
        reason: 'UNSUPPORTED_STATE_VERSION',
      });
    });

    it('fails, for the consumer to deliver it again, when the store does', async () => {
      const { ids } = await startedSaga();
      const unreachable = createSagaManager({
        binding: tripSagaBinding,
        sagas: { apply: () => Promise.reject(new Error('store unreachable')) },
        logger: silent,
      });

      const error = await unreachable
        .handleReply(replyFor('flight.booked', ids), delivery())
        .catch((e: unknown) => e);

      expect((error as Error).message).to.equal('store unreachable');
    });
  });

  describe('a deadline', () => {
    const deadlineOf = (saga: SagaDocument) => {
      if (!saga.deadlineAt) throw new Error('the saga has no deadline');
      return saga.deadlineAt;
    };
    const timeouts = (saga: SagaDocument) =>
      saga.history.filter((entry): entry is TimeoutEntry => entry.direction === 'TIMEOUT');

    it('is stored with the saga when its command is sent: the booking policy’s, after the start', async () => {
      const { saga } = await startedSaga();

      expect(saga().deadlineAt).to.deep.equal(new Date(at.getTime() + bookFlightPolicy.deadlineMs));
      expect(saga().steps[0]?.deadlineAt).to.deep.equal(saga().deadlineAt);
    });

    it('not yet passed writes nothing', async () => {
      const context = await startedSaga();
      const writes = context.memory.writes.length;

      const result = await context.manager.handleTimeout(context.sagaId);

      expect(result).to.deep.equal({ kind: 'NOT_DUE', sagaId: context.sagaId });
      expect(context.memory.writes).to.have.length(writes);
    });

    it('that passed re-sends the command through the outbox in one version-guarded update, recorded in the history', async () => {
      const context = await startedSaga();
      const { manager, saga, sagaId } = context;
      const due = deadlineOf(saga());
      context.setClock(due);

      const result = await manager.handleTimeout(sagaId);

      expect(result).to.deep.equal({
        kind: 'TIMED_OUT',
        sagaId,
        version: 1,
        status: 'RUNNING',
        action: 'RESENT',
      });
      expect(saga().outbox.map((entry) => entry.topic)).to.deep.equal(['flight.book', 'flight.book']);
      expect(saga().outbox[1]?.value).to.deep.include({ requestedAt: due });
      // No message caused the re-send: it joins the trace of the saga's start, so the trip stays one trace.
      expect(saga().traceparent?.split('-')[1]).to.equal(traceId);
      expect(saga().outbox[1]?.traceparent).to.equal(saga().traceparent);
      expect(saga().steps[0]).to.deep.include({ attempts: 2 });
      expect(saga().deadlineAt).to.deep.equal(new Date(due.getTime() + 2 * bookFlightPolicy.deadlineMs));
      expect(timeouts(saga())).to.deep.equal([
        {
          direction: 'TIMEOUT',
          at: due,
          step: 'bookFlight',
          phase: 'COMMAND',
          attempts: 1,
          action: 'RESENT',
          detail: null,
          status: 'RUNNING',
        },
      ]);
      expect(context.memory.writes.at(-1)?.filter).to.deep.equal({ _id: sagaId, version: 0 });
      expect(context.nudges()).to.equal(2);
    });

    it('that passed with the attempts spent rejects the trip, and a late success is compensated', async () => {
      const context = await startedSaga();
      const { manager, saga, sagaId, ids } = context;
      for (let pass = 0; pass < bookFlightPolicy.maxAttempts; pass++) {
        context.setClock(deadlineOf(saga()));
        await manager.handleTimeout(sagaId);
      }
      expect(saga()).to.include({
        status: 'CANCELLED',
        failureReason: 'FLIGHT_TIMED_OUT',
        deadlineAt: null,
      });
      expect(timeouts(saga()).map((entry) => entry.action)).to.deep.equal(['RESENT', 'RESENT', 'GAVE_UP']);

      const late = await manager.handleReply(replyFor('flight.booked', ids), delivery('late-1'));

      expect(late).to.include({ kind: 'APPLIED', status: 'CANCELLED' });
      expect(saga().outbox.at(-1)?.topic).to.equal('flight.cancel');
      expect(received(saga()).at(-1)).to.include({ outcome: 'APPLIED', reply: 'LATE_SUCCESS' });
    });

    it('for an unknown saga answers UNKNOWN_SAGA', async () => {
      const { manager } = setup();
      expect(await manager.handleTimeout(randomUUID())).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
    });
  });

  describe('its observer (metrics)', () => {
    /** An observer that writes down what it is told, one line per call. */
    function recording() {
      const told: string[] = [];
      const observer: SagaObserver = {
        started: () => told.push('started'),
        finished: (outcome, seconds) => told.push(`finished ${outcome} ${seconds}s`),
        stepSettled: (step, seconds) => told.push(`settled ${step} ${seconds}s`),
        deadlineResent: (step) => told.push(`resent ${step}`),
      };
      return { observer, told };
    }
    const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

    it('is told of a start, and of each step settled with the seconds since its command was first sent', async () => {
      const { observer, told } = recording();
      const context = await startedSaga(setup(observer));
      context.setClock(later(2));
      await context.manager.handleReply(replyFor('flight.booked', context.ids), delivery('booked-1'));
      await context.manager.handleReply(replyFor('flight.booked', context.ids), delivery('booked-1'));
      expect(told, 'the duplicate is told nothing').to.deep.equal(['started', 'settled bookFlight 2s']);
    });

    it('is told of a saga that ended, with its cancel reason as the outcome and its whole duration', async () => {
      const { observer, told } = recording();
      const context = await startedSaga(setup(observer));
      context.setClock(later(3));
      await context.manager.handleReply(replyFor('flight.unavailable', context.ids), delivery());
      expect(told).to.deep.equal(['started', 'settled bookFlight 3s', 'finished NO_FLIGHT 3s']);
      // A start again (the same trip) is no second start.
      await context.manager.start(tripRequested(context.tripId), delivery('requested-2'));
      expect(told).to.have.length(3);
    });

    it('is told of every command a passed deadline sent again, by step', async () => {
      const { observer, told } = recording();
      const context = await startedSaga(setup(observer));
      context.setClock(context.saga().deadlineAt!);
      await context.manager.handleTimeout(context.sagaId);
      expect(told).to.deep.equal(['started', 'resent bookFlight']);
    });
  });

  describe('a retry', () => {
    /** A saga whose release went unanswered until it needed attention. */
    async function needingAttention() {
      const context = await startedSaga();
      const { manager, saga, sagaId, ids } = context;
      await manager.handleReply(replyFor('flight.booked', ids), delivery());
      await manager.handleReply(replyFor('card.declined', ids), delivery());
      while (saga().status !== 'NEEDS_ATTENTION') {
        context.setClock(saga().deadlineAt ?? at);
        await manager.handleTimeout(sagaId);
      }
      return context;
    }

    it('re-sends what the stopped step awaits, in one update recorded as RETRY, and resumes the saga', async () => {
      const context = await needingAttention();
      const { manager, saga, sagaId } = context;
      expect(saga().attention).to.include({ reason: 'COMPENSATION_TIMED_OUT' });
      const sent = saga().outbox.length;
      const version = saga().version;

      const result = await manager.retry(sagaId);

      expect(result).to.deep.equal({
        kind: 'RETRIED',
        sagaId,
        version: version + 1,
        status: 'COMPENSATING',
        steps: ['bookFlight'],
      });
      expect(
        saga()
          .outbox.slice(sent)
          .map((entry) => entry.topic),
      ).to.deep.equal(['flight.cancel']);
      expect(saga().attention).to.equal(null);
      expect(saga().steps[0]?.compensation?.attempts).to.equal(1);
      expect(saga().deadlineAt).to.not.equal(null);
      expect(saga().history.at(-2)).to.deep.include({ direction: 'RETRY', steps: ['bookFlight'] });
    });

    it('refuses a saga that ended, writing nothing', async () => {
      const context = await startedSaga();
      await context.manager.handleReply(replyFor('flight.unavailable', context.ids), delivery());
      const writes = context.memory.writes.length;

      const result = await context.manager.retry(context.sagaId);

      expect(result).to.deep.equal({ kind: 'NOT_RETRIABLE', sagaId: context.sagaId, status: 'CANCELLED' });
      expect(context.memory.writes).to.have.length(writes);
    });

    it('answers UNKNOWN_SAGA for a saga that does not exist', async () => {
      const { manager } = setup();
      expect(await manager.retry(randomUUID())).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
    });
  });

  describe('a compensation a person asks for', () => {
    const request = { reason: 'the card company is down for the day', by: 'admin-token' };

    it('abandons the step, sends the compensations in one update, and records who asked and why', async () => {
      const { manager, saga, sagaId, ids } = await startedSaga();
      await manager.handleReply(replyFor('flight.booked', ids), delivery());
      const sent = saga().outbox.length;
      const version = saga().version;

      const result = await manager.compensate(sagaId, request);

      expect(result).to.deep.equal({
        kind: 'COMPENSATING',
        sagaId,
        version: version + 1,
        status: 'COMPENSATING',
        step: 'chargeCard',
      });
      expect(
        saga()
          .outbox.slice(sent)
          .map((entry) => entry.topic),
      ).to.deep.equal(['flight.cancel']);
      expect(saga()).to.deep.include({ status: 'COMPENSATING', failureReason: 'GIVEN_UP', currentStep: 0 });
      expect(saga().steps[1]).to.deep.include({ status: 'ABANDONED', endedAt: at, deadlineAt: null });
      expect(saga().steps[0]?.compensation).to.deep.equal({ attempts: 1, startedAt: at, endedAt: null });
      expect(saga().history.slice(-2)).to.deep.equal([
        {
          direction: 'COMPENSATE',
          at,
          step: 'chargeCard',
          reason: request.reason,
          by: 'admin-token',
          status: 'COMPENSATING',
        },
        { direction: 'SENT', topic: 'flight.cancel', messageId: saga().outbox.at(-1)?.id, at },
      ]);
    });

    it('refuses a saga compensating already, writing nothing', async () => {
      const { manager, memory, sagaId, ids } = await startedSaga();
      await manager.handleReply(replyFor('flight.booked', ids), delivery());
      await manager.compensate(sagaId, request);
      const writes = memory.writes.length;

      const result = await manager.compensate(sagaId, request);

      expect(result).to.deep.include({
        kind: 'NOT_COMPENSABLE',
        sagaId,
        status: 'COMPENSATING',
        reason: 'ALREADY_COMPENSATING',
      });
      expect(memory.writes).to.have.length(writes);
    });

    it('refuses a saga that ended', async () => {
      const { manager, sagaId, ids } = await startedSaga();
      await manager.handleReply(replyFor('flight.unavailable', ids), delivery());
      expect(await manager.compensate(sagaId, request)).to.deep.include({
        kind: 'NOT_COMPENSABLE',
        reason: 'ENDED',
      });
    });

    it('answers UNKNOWN_SAGA for a saga that does not exist', async () => {
      const { manager } = setup();
      expect(await manager.compensate(randomUUID(), request)).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
    });
  });
});
