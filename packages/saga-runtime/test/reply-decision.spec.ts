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

  it('writes a refusal when the engine says the stored saga is broken', () => {
    const decision = decideReply({
      definition: tripSaga,
      before: { ...started(), steps: [] },
      reply: replyFor('flight.booked', ids),
      delivery: delivery('reserved-1'),
      now,
    });

    expect(decision.reception).to.include({ kind: 'REJECTED', code: 'STEPS_CHANGED' });
    expect(decision.status).to.equal('RUNNING');
    expect(decision.outbox).to.deep.equal([]);
    expect(decision.update.$set).to.deep.equal({ updatedAt: now });
  });

  it('throws an error without the non-retriable flag, for the message to be delivered again', () => {
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

    expect(() =>
      decideReply({
        definition: broken,
        before: started(),
        reply: replyFor('flight.booked', ids),
        delivery: delivery(),
        now,
      }),
    ).to.throw(TypeError, 'a bug in the definition');
  });
});
