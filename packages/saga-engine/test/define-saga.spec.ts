import { expect } from 'chai';
import {
  defineSaga,
  SagaDefinitionError,
  type SagaDefinitionErrorCode,
  type SagaStep,
} from '../src/index.ts';
import { tripSaga, tripSpec, type TripData, type TripFailure, type TripTopics } from './trip-saga.ts';

type TripStep = SagaStep<TripTopics, TripData, TripFailure>;
const [bookFlight, checkVisa, rentCar, chargeCard, issueTickets] = tripSpec.steps as [
  TripStep,
  TripStep,
  TripStep,
  TripStep,
  TripStep,
];

function definitionError(define: () => unknown): SagaDefinitionError {
  try {
    define();
  } catch (error) {
    expect(error).to.be.instanceOf(SagaDefinitionError);
    return error as SagaDefinitionError;
  }
  expect.fail('the definition was accepted');
}

function rejects(steps: TripStep[], code: SagaDefinitionErrorCode, mentioning: string): void {
  const error = definitionError(() => defineSaga({ ...tripSpec, steps }));
  expect(error.code).to.equal(code);
  expect(error.message).to.include(mentioning);
}

describe('defineSaga', () => {
  it('returns the spec with every reply topic the saga awaits, each once, for the runner to subscribe to', () => {
    expect(tripSaga.name).to.equal('trip');
    expect(tripSaga.steps).to.equal(tripSpec.steps);
    expect(tripSaga.replyTopics).to.deep.equal([
      'flight.booked',
      'flight.unavailable',
      'flight.cancelled',
      'visa.granted',
      'visa.denied',
      'car.rented',
      'car.returned',
      'card.charged',
      'card.declined',
      'card.refunded',
      'tickets.issued',
      'tickets.refused',
    ]);
  });

  it('rejects a saga without steps', () => {
    rejects([], 'NO_STEPS', 'no steps');
  });

  it('rejects two steps of the same name, since persisted states name their steps', () => {
    rejects([bookFlight, { ...checkVisa, name: 'bookFlight' }], 'DUPLICATE_STEP_NAME', '"bookFlight"');
  });

  it('rejects a step that awaits no success reply, since it could never end', () => {
    rejects([bookFlight, { ...checkVisa, onSuccess: {} }], 'NO_SUCCESS_REPLY', '"checkVisa"');
  });

  it('rejects a compensation that awaits no confirmation', () => {
    const compensation = { ...bookFlight.compensation!, onConfirmed: {} };
    rejects([{ ...bookFlight, compensation }], 'NO_COMPENSATION_REPLY', '"bookFlight"');
  });

  it('rejects a reply topic awaited by two steps, since a late reply of one would settle the other', () => {
    const onSuccess = { 'flight.booked': (data: TripData) => data };
    rejects([bookFlight, { ...checkVisa, onSuccess }], 'AMBIGUOUS_REPLY', '"flight.booked"');
  });

  it('rejects a reply topic that means both success and failure', () => {
    const onFailure = { 'visa.granted': () => ({ reason: 'VISA_DENIED' as const }) };
    rejects([{ ...checkVisa, onFailure }], 'AMBIGUOUS_REPLY', '"visa.granted"');
  });

  it('rejects a compensation confirmed by a topic that also settles a step', () => {
    const compensation = {
      ...chargeCard.compensation!,
      onConfirmed: { 'tickets.issued': (d: TripData) => d },
    };
    rejects([{ ...chargeCard, compensation }, issueTickets], 'AMBIGUOUS_REPLY', '"tickets.issued"');
  });

  it('rejects two compensations confirmed by the same topic', () => {
    const compensation = {
      ...rentCar.compensation!,
      onConfirmed: { 'flight.cancelled': (d: TripData) => d },
    };
    rejects([bookFlight, { ...rentCar, compensation }], 'AMBIGUOUS_REPLY', '"flight.cancelled"');
  });

  it('rejects a topic that is both sent and awaited, since the saga would answer itself', () => {
    const command = { topic: 'visa.granted' as const, value: (data: TripData) => ({ tripId: data.tripId }) };
    rejects([bookFlight, { ...checkVisa, command }], 'REPLY_IS_COMMAND', '"visa.granted"');
  });

  it('rejects a completion or cancellation command on a reply topic', () => {
    const onCancelled = [
      { topic: 'flight.cancelled' as const, value: (data: TripData) => ({ tripId: data.tripId }) },
    ];
    const error = definitionError(() => defineSaga({ ...tripSpec, onCancelled }));
    expect(error.code).to.equal('REPLY_IS_COMMAND');
  });

  it('raises a named, non-retriable error that names the saga', () => {
    const error = definitionError(() => defineSaga({ ...tripSpec, steps: [] }));
    expect(error.name).to.equal('SagaDefinitionError');
    expect(error.saga).to.equal('trip');
    expect(error.retriable).to.equal(false);
    expect(error.message).to.equal('saga "trip" is not a valid definition: it has no steps');
  });
});
