import { expect } from 'chai';
import { sagaTopics } from '../src/index.ts';
import { tripSagaBinding } from './support/trip-saga.ts';

describe('sagaTopics', () => {
  it('publishes every command the saga can send (steps, compensations, completion, cancellation), each once', () => {
    expect(sagaTopics(tripSagaBinding).publishes).to.deep.equal([
      'flight.book',
      'flight.cancel',
      'card.charge',
      'card.refund',
      'tickets.issue',
      'trip.confirm',
      'trip.reject',
    ]);
  });

  it('consumes the starting topic and every reply the saga awaits', () => {
    expect(sagaTopics(tripSagaBinding).consumes).to.deep.equal([
      'trip.requested',
      ...tripSagaBinding.definition.replyTopics,
    ]);
    expect(sagaTopics(tripSagaBinding).consumes).to.have.length(8);
  });
});
