import { expect } from 'chai';
import { defineSaga } from '@saga/saga-engine';
import { decideReply, newSagaDocument, type SagaDocument } from '../src/index.ts';
import {
  delivery,
  replyFor,
  startTripSaga,
  traceId,
  tripRequested,
  tripSaga,
  type TripData,
  type TripFailure,
  type TripTopics,
} from './support/trip-saga.ts';

const trip = tripRequested();
const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const ids = { tripId: trip.tripId, sagaId };
const now = new Date('2025-03-04T10:00:05.000Z');

function started(): SagaDocument<TripData, TripFailure> {
  const decision = startTripSaga(trip, { sagaId, now });
  return newSagaDocument({
    sagaId,
    key: { name: 'tripId', value: trip.tripId },
    decision,
    received: { topic: 'trip.requested', messageId: 'requested-1' },
    outbox: [],
    now,
  });
}

describe('decideReply', () => {
  it('turns the engine’s commands into outbox entries keyed by the trip, in the reply’s trace', () => {
    const decision = decideReply({
      definition: tripSaga,
      before: started(),
      reply: replyFor('flight.booked', ids),
      delivery: delivery('reserved-1'),
      now,
    });

    expect(decision.reception).to.deep.equal({ kind: 'APPLIED', step: 'bookFlight', reply: 'SUCCESS' });
    expect(decision.status).to.equal('RUNNING');
    expect(decision.outbox).to.have.length(1);
    expect(decision.outbox[0]).to.include({ topic: 'card.charge', key: trip.tripId });
    expect(decision.outbox[0]?.traceparent.split('-')[1]).to.equal(traceId);
    // The outbox entries go to the runtime beside the update, which appends them in the same write.
    expect(decision.update.$push).to.not.have.property('outbox');
  });

  it('writes a refusal when the engine says the stored saga is broken, and the saga needs attention for it', () => {
    const decision = decideReply({
      definition: tripSaga,
      before: { ...started(), steps: [] },
      reply: replyFor('flight.booked', ids),
      delivery: delivery('reserved-1'),
      now,
    });

    expect(decision.reception).to.include({ kind: 'REJECTED', code: 'STEPS_CHANGED' });
    expect(decision.status).to.equal('NEEDS_ATTENTION');
    expect(decision.deadlineAt).to.equal(null);
    expect(decision.outbox).to.deep.equal([]);
    expect(decision.update.$set).to.deep.include({
      updatedAt: now,
      status: 'NEEDS_ATTENTION',
      deadlineAt: null,
    });
    expect(decision.update.$set?.attention).to.deep.include({
      step: 0,
      reason: 'REPLY_REJECTED',
      resumeStatus: 'RUNNING',
    });
  });

  it('writes a refusal for an error flagged nothing (a bug), with its cause, rather than letting it be dead-lettered', () => {
    const broken = defineSaga<TripTopics, TripData, TripFailure>({
      ...tripSaga,
      steps: [
        {
          ...tripSaga.steps[0]!,
          onSuccess: {
            'flight.booked': () => {
              throw new TypeError('a bug in the definition');
            },
          },
        },
        ...tripSaga.steps.slice(1),
      ],
    });

    const decision = decideReply({
      definition: broken,
      before: started(),
      reply: replyFor('flight.booked', ids),
      delivery: delivery(),
      now,
    });

    expect(decision.reception).to.deep.equal({
      kind: 'REJECTED',
      code: 'TypeError',
      detail: 'a bug in the definition',
    });
    expect(decision.status).to.equal('NEEDS_ATTENTION');
    expect((decision.update.$set?.attention as { detail: string }).detail).to.equal(
      '"flight.booked" could not be applied: TypeError: a bug in the definition',
    );
  });

  it('throws an error that says trying again helps, or an outage, for the message to be delivered again', () => {
    const failing = (error: Error) =>
      defineSaga<TripTopics, TripData, TripFailure>({
        ...tripSaga,
        steps: [
          {
            ...tripSaga.steps[0]!,
            onSuccess: {
              'flight.booked': () => {
                throw error;
              },
            },
          },
          ...tripSaga.steps.slice(1),
        ],
      });
    const contended = Object.assign(new Error('the document is contended'), { retriable: true });
    const storeAway = Object.assign(new Error('wrapped'), {
      cause: Object.assign(new Error('no server'), { name: 'MongoServerSelectionError' }),
    });

    for (const error of [contended, storeAway])
      expect(() =>
        decideReply({
          definition: failing(error),
          before: started(),
          reply: replyFor('flight.booked', ids),
          delivery: delivery(),
          now,
        }),
      ).to.throw(error.message);
  });

  it('leaves a saga that has ended as it was, recording the refusal only', () => {
    const decision = decideReply({
      definition: tripSaga,
      before: { ...started(), status: 'CANCELLED', currentStep: null, steps: [] },
      reply: replyFor('flight.booked', ids),
      delivery: delivery('reserved-2'),
      now,
    });

    expect(decision.reception).to.include({ kind: 'REJECTED' });
    expect(decision.status).to.equal('CANCELLED');
    expect(decision.update.$set).to.deep.equal({ updatedAt: now });
  });
});
