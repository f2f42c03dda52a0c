import { expect } from 'chai';
import {
  handle,
  handleTimeout,
  retrySaga,
  SagaNotRetriableError,
  start,
  type SagaState,
} from '../src/index.ts';
import { after, timedTripSaga } from './timed-trip-saga.ts';
import { now, reply, tripData, tripId, type TripData, type TripFailure } from './trip-saga.ts';

type TripState = SagaState<TripData, TripFailure>;

const flightBooked = reply('flight.booked', { tripId, bookingId: 'B-1' });
const visaDenied = reply('visa.denied', { tripId, note: 'no' });

/** Booked a flight, the visa was denied, and the flight's cancellation went unanswered twice. */
function cancellationUnanswered(): TripState {
  let { state } = start(timedTripSaga, tripData(), { now });
  state = handle(timedTripSaga, state, flightBooked, { now }).state;
  state = handle(timedTripSaga, state, visaDenied, { now }).state;
  for (let attempt = 0; attempt < 2; attempt++)
    state = handleTimeout(timedTripSaga, state, { now: new Date(state.steps[0]?.deadlineAt ?? 0) }).state;
  expect(state.status).to.equal('NEEDS_ATTENTION');
  return state;
}

describe('retrySaga', () => {
  const at = after(now, 3_600_000);

  it('re-sends what the step needing attention awaits, its attempts counted afresh, and resumes', () => {
    const { state, actions, outcome, deadlineAt } = retrySaga(timedTripSaga, cancellationUnanswered(), {
      now: at,
    });

    expect(outcome).to.deep.equal({ kind: 'RETRIED', steps: ['bookFlight'] });
    expect(actions).to.deep.equal([
      { topic: 'flight.cancel', value: { tripId, bookingId: 'B-1', reason: 'VISA_DENIED' } },
    ]);
    expect(state.status).to.equal('COMPENSATING');
    expect(state.attention).to.equal(null);
    expect(state.steps[0]).to.deep.equal({
      name: 'bookFlight',
      status: 'COMPENSATING',
      attempts: 1,
      deadlineAt: at.getTime() + 500,
    });
    expect(deadlineAt).to.deep.equal(after(at, 500));
  });

  it('lets the saga finish once the re-sent command is answered', () => {
    const retried = retrySaga(timedTripSaga, cancellationUnanswered(), { now: at }).state;

    const { state, actions } = handle(timedTripSaga, retried, reply('flight.cancelled', { tripId }), {
      now: at,
    });

    expect(state.status).to.equal('CANCELLED');
    expect(actions.map((action) => action.topic)).to.deep.equal(['trip.reject']);
  });

  it('re-drives a saga stuck in a step, resetting its attempts', () => {
    let { state } = start(timedTripSaga, tripData(), { now });
    state = handleTimeout(timedTripSaga, state, { now: after(now, 1_000) }).state;
    expect(state.steps[0]?.attempts).to.equal(2);

    const retried = retrySaga(timedTripSaga, state, { now: at });

    expect(retried.actions.map((action) => action.topic)).to.deep.equal(['flight.book']);
    expect(retried.state.status).to.equal('RUNNING');
    expect(retried.state.steps[0]).to.include({
      status: 'ACTIVE',
      attempts: 1,
      deadlineAt: at.getTime() + 1_000,
    });
  });

  it('refuses a saga that ended, which has nothing to re-drive', () => {
    let { state } = start(timedTripSaga, tripData(), { now });
    state = handle(timedTripSaga, state, reply('flight.unavailable', { tripId }), { now }).state;
    expect(state.status).to.equal('CANCELLED');

    expect(() => retrySaga(timedTripSaga, state, { now: at }))
      .to.throw(SagaNotRetriableError, 'it is CANCELLED')
      .with.property('code', 'SAGA_NOT_RETRIABLE');
  });
});
