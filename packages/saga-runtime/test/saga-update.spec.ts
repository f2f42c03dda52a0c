import { expect } from 'chai';
import { handle } from '@saga/saga-engine';
import {
  commandEntries,
  engineState,
  newSagaDocument,
  HISTORY_LIMIT,
  rejectionUpdate,
  stepRecords,
  transitionUpdate,
  type SagaDocument,
} from '../src/index.ts';
import {
  replyFor,
  startTripSaga,
  tripRequested,
  tripSaga,
  type ReplyTopic,
  type TripData,
  type TripFailure,
} from './support/trip-saga.ts';

const trip = tripRequested();
const { tripId } = trip;
const key = { name: 'tripId', value: tripId };
const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const placedAt = new Date('2025-03-04T10:00:00.000Z');
const now = new Date('2025-03-04T10:00:05.000Z');
const created = { topic: 'trip.requested', messageId: 'requested-1' };

const reply = (topic: ReplyTopic) => replyFor(topic, { tripId, sagaId });

/** What `handle` decided, narrowed to the outcomes of a reply, as the manager does. */
function handled(before: SagaDocument<TripData, TripFailure>, topic: ReplyTopic) {
  const transition = handle(tripSaga, engineState(before), reply(topic), { now });
  const { outcome } = transition;
  if (outcome.kind !== 'APPLIED' && outcome.kind !== 'IGNORED') throw new Error(`${outcome.kind}?`);
  return { ...transition, outcome };
}

/** A saga as newly inserted: started from a requested trip, its first command in the outbox. */
function started(): SagaDocument<TripData, TripFailure> {
  const decision = startTripSaga(trip, { sagaId, now: placedAt });
  const outbox = commandEntries(decision.actions, tripId);
  return newSagaDocument({ sagaId, key, decision, received: created, outbox, now: placedAt });
}

describe('newSagaDocument', () => {
  it('holds the started state, its first command in the outbox, the history and the message id, at version 0', () => {
    const decision = startTripSaga(trip, { sagaId, now: placedAt });
    const outbox = commandEntries(decision.actions, tripId);

    const document = newSagaDocument({ sagaId, key, decision, received: created, outbox, now: placedAt });

    expect(document).to.deep.equal({
      _id: sagaId,
      key: tripId,
      keyName: 'tripId',
      saga: 'trip',
      stateVersion: 3,
      status: 'RUNNING',
      currentStep: 0,
      failureReason: null,
      attention: null,
      deadlineAt: decision.deadlineAt,
      data: decision.state.data,
      finalCommands: [],
      steps: stepRecords(null, decision.state.steps, placedAt),
      history: [
        {
          direction: 'RECEIVED',
          topic: 'trip.requested',
          messageId: 'requested-1',
          at: placedAt,
          outcome: 'STARTED',
          step: null,
          reply: null,
          reason: null,
          detail: null,
          status: 'RUNNING',
        },
        { direction: 'SENT', topic: 'flight.book', messageId: outbox[0]?.id, at: placedAt },
      ],
      processedMessageIds: ['requested-1'],
      outbox,
      version: 0,
      createdAt: placedAt,
      updatedAt: placedAt,
    });
    expect(outbox[0]).to.include({ topic: 'flight.book', key: tripId });
  });

  it('gives the engine back exactly the state it decided', () => {
    const decision = startTripSaga(trip, { sagaId, now: placedAt });
    const document = newSagaDocument({
      sagaId,
      key,
      decision,
      received: created,
      outbox: [],
      now: placedAt,
    });
    expect(engineState(document)).to.deep.equal(decision.state);
  });
});

describe('transitionUpdate', () => {
  const received = { topic: 'flight.booked', messageId: 'reserved-1' };

  it('writes an applied reply as one update: state, step records, history, next version (the runtime adds message id and outbox)', () => {
    const before = started();
    const transition = handled(before, 'flight.booked');
    const outbox = commandEntries(transition.actions, tripId);

    const update = transitionUpdate({ before, transition, received, outbox, now });

    expect(update).to.deep.equal({
      $set: {
        status: 'RUNNING',
        currentStep: 1,
        failureReason: null,
        attention: null,
        deadlineAt: transition.deadlineAt,
        stateVersion: 3,
        data: transition.state.data,
        finalCommands: [],
        steps: stepRecords(before.steps, transition.state.steps, now),
        updatedAt: now,
      },
      $inc: { version: 1 },
      $push: {
        history: {
          $each: [
            {
              direction: 'RECEIVED',
              topic: 'flight.booked',
              messageId: 'reserved-1',
              at: now,
              outcome: 'APPLIED',
              step: 'bookFlight',
              reply: 'SUCCESS',
              reason: null,
              detail: null,
              status: 'RUNNING',
            },
            { direction: 'SENT', topic: 'card.charge', messageId: outbox[0]?.id, at: now },
          ],
        },
      },
    });
  });

  it('writes an ignored reply as history and version only: no state', () => {
    const before = started();
    const transition = handled(before, 'card.charged');
    expect(transition.outcome.kind).to.equal('IGNORED');

    const update = transitionUpdate({
      before,
      transition,
      received: { topic: 'card.charged', messageId: 'early-1' },
      outbox: [],
      now,
    });

    expect(update).to.deep.equal({
      $set: { updatedAt: now },
      $inc: { version: 1 },
      $push: {
        history: {
          $each: [
            {
              direction: 'RECEIVED',
              topic: 'card.charged',
              messageId: 'early-1',
              at: now,
              outcome: 'IGNORED',
              step: null,
              reply: null,
              reason: 'UNEXPECTED',
              detail: (transition.outcome as { detail: string }).detail,
              status: 'RUNNING',
            },
          ],
        },
      },
    });
  });

  it('records an applied reply that sends nothing without touching the outbox', () => {
    const before = started();
    const transition = handled(before, 'flight.unavailable');
    const update = transitionUpdate({ before, transition, received, outbox: [], now });
    expect(update.$set).to.include({ status: 'CANCELLED', failureReason: 'NO_FLIGHT' });
    expect(update.$push).to.not.have.property('outbox');
  });
});

describe('rejectionUpdate', () => {
  const received = { topic: 'flight.booked', messageId: 'reserved-9' };

  it('records the refusal and the next version, and stops the saga: NEEDS_ATTENTION with the error, no deadline (the runtime adds the message id)', () => {
    const before = started();
    const { update, status, deadlineAt } = rejectionUpdate({
      before,
      received,
      error: { code: 'STEPS_CHANGED', message: 'the steps changed' },
      now,
    });
    expect(status).to.equal('NEEDS_ATTENTION');
    expect(deadlineAt).to.equal(null);
    expect(update).to.deep.equal({
      $set: {
        updatedAt: now,
        status: 'NEEDS_ATTENTION',
        attention: {
          step: 0,
          reason: 'REPLY_REJECTED',
          detail: '"flight.booked" could not be applied: STEPS_CHANGED: the steps changed',
          resumeStatus: 'RUNNING',
        },
        deadlineAt: null,
        steps: before.steps.map((step) => ({ ...step, deadlineAt: null })),
        finalCommands: [],
      },
      $inc: { version: 1 },
      $push: {
        history: {
          $each: [
            {
              direction: 'RECEIVED',
              topic: 'flight.booked',
              messageId: 'reserved-9',
              at: now,
              outcome: 'REJECTED',
              step: null,
              reply: null,
              reason: 'STEPS_CHANGED',
              detail: 'the steps changed',
              status: 'NEEDS_ATTENTION',
            },
          ],
        },
      },
    });
  });

  it('keeps an older attention of a saga that needs one already, and leaves an ended saga as it was', () => {
    const error = { code: 'STEPS_CHANGED', message: 'the steps changed' };
    const attention = {
      step: 0,
      reason: 'STEP_TIMED_OUT' as const,
      detail: 'no reply',
      resumeStatus: 'RUNNING' as const,
    };
    const needing = { ...started(), status: 'NEEDS_ATTENTION' as const, attention };
    const ended = { ...started(), status: 'CANCELLED' as const, currentStep: null };

    for (const before of [needing, ended]) {
      const { update, status } = rejectionUpdate({ before, received, error, now });
      expect(status).to.equal(before.status);
      expect(update.$set).to.deep.equal({ updatedAt: now });
    }
  });
});

describe('the history’s bound', () => {
  const received = { topic: 'flight.booked', messageId: 'reserved-9' };
  const refuse = (before: SagaDocument) =>
    rejectionUpdate({ before, received, error: { code: 'STEPS_CHANGED', message: 'x' }, now }).update;
  const withHistory = (length: number): SagaDocument => {
    const before = started();
    const entry = before.history[0];
    if (!entry) throw new Error('a started saga has history');
    return { ...before, history: Array.from({ length }, (_, n) => ({ ...entry, messageId: `m-${n}` })) };
  };

  it('appends while the history stays within HISTORY_LIMIT entries', () => {
    const update = refuse(withHistory(HISTORY_LIMIT - 1));
    expect(update.$push).to.have.property('history');
    expect(update.$set).to.not.have.property('history');
  });

  it('past it, writes the history whole without its oldest entries', () => {
    const update = refuse(withHistory(HISTORY_LIMIT));
    const history = (update.$set as { history: { messageId: string }[] }).history;
    expect(history).to.have.length(HISTORY_LIMIT);
    expect(history[0]?.messageId).to.equal('m-1');
    expect(history.at(-1)?.messageId).to.equal('reserved-9');
    expect(update.$push ?? {}).to.not.have.property('history');
  });
});
