import { expect } from 'chai';
import {
  compensateSaga,
  defineSaga,
  handle,
  handleTimeout,
  SagaNotCompensableError,
  start,
  type SagaState,
} from '../src/index.ts';
import { after, timedTripSaga } from './timed-trip-saga.ts';
import { deepFreeze, now, reply, tripData, tripId, type TripData, type TripFailure } from './trip-saga.ts';

type TripState = SagaState<TripData, TripFailure>;

/** The timed trip saga, which a person may ask to compensate: it cancels as timed out, noting why. */
const askableTripSaga = defineSaga({
  ...timedTripSaga,
  onCompensationRequested: (data, { step, reason }) => ({
    reason: 'TIMED_OUT' as const,
    data: { ...data, note: `a person gave up on ${step}: ${reason}` },
  }),
});
const request = { reason: 'the card company is down for the day' };
const at = after(now, 3_600_000);

/** Booked a flight, got the visa and a car, and awaits the card charge. */
function awaitingCharge(): TripState {
  let { state } = start(askableTripSaga, tripData(), { now });
  for (const answer of [
    reply('flight.booked', { tripId, bookingId: 'B-1' }),
    reply('visa.granted', { tripId }),
    reply('car.rented', { tripId, rentalId: 'R-1' }),
  ])
    state = handle(askableTripSaga, state, answer, { now }).state;
  expect(state.steps[3]?.status).to.equal('ACTIVE');
  return state;
}

describe('compensateSaga', () => {
  it('abandons the step it awaits and compensates the newest step that succeeded, as a failure would', () => {
    const { state, actions, outcome, deadlineAt } = compensateSaga(
      askableTripSaga,
      deepFreeze(awaitingCharge()),
      request,
      { now: at },
    );

    expect(outcome).to.deep.equal({
      kind: 'COMPENSATION_REQUESTED',
      step: 'chargeCard',
      reason: 'the card company is down for the day',
    });
    expect(actions).to.deep.equal([{ topic: 'car.return', value: { tripId, rentalId: 'R-1' } }]);
    expect(state).to.deep.include({
      status: 'COMPENSATING',
      currentStep: 2,
      failureReason: 'TIMED_OUT',
      attention: null,
    });
    expect(state.data.note).to.equal('a person gave up on chargeCard: the card company is down for the day');
    expect(state.steps.map((step) => step.status)).to.deep.equal([
      'SUCCEEDED',
      'SUCCEEDED',
      'COMPENSATING',
      'ABANDONED',
      'PENDING',
    ]);
    expect(state.steps[3]).to.deep.equal({
      name: 'chargeCard',
      status: 'ABANDONED',
      attempts: 0,
      deadlineAt: null,
    });
    expect(deadlineAt).to.deep.equal(after(at, 500));
  });

  it('walks back to the first step and cancels once the compensations are confirmed', () => {
    let { state } = compensateSaga(askableTripSaga, awaitingCharge(), request, { now: at });
    const returned = handle(askableTripSaga, state, reply('car.returned', { tripId }), { now: at });
    expect(returned.actions.map((action) => action.topic)).to.deep.equal(['flight.cancel']);
    state = handle(askableTripSaga, returned.state, reply('flight.cancelled', { tripId }), { now: at }).state;
    expect(state.status).to.equal('CANCELLED');
  });

  it('undoes a late success of the abandoned step when its compensation says so', () => {
    const { state } = compensateSaga(askableTripSaga, awaitingCharge(), request, { now: at });

    const late = handle(askableTripSaga, state, reply('card.charged', { tripId, chargeId: 'C-1' }), {
      now: at,
    });

    expect(late.outcome).to.deep.equal({ kind: 'APPLIED', step: 'chargeCard', reply: 'LATE_SUCCESS' });
    expect(late.actions).to.deep.equal([
      { topic: 'card.refund', value: { tripId, chargeId: 'C-1', reason: 'TIMED_OUT' } },
    ]);
  });

  it('cancels at once when nothing before the abandoned step needs undoing', () => {
    const { state } = start(askableTripSaga, tripData(), { now });

    const asked = compensateSaga(askableTripSaga, state, request, { now: at });

    expect(asked.state.status).to.equal('CANCELLED');
    expect(asked.state.steps[0]?.status).to.equal('ABANDONED');
    expect(asked.actions.map((action) => action.topic)).to.deep.equal(['trip.reject']);
    expect(asked.deadlineAt).to.equal(null);
  });

  it('takes a saga that needs attention while running, and resolves the attention', () => {
    const running = awaitingCharge();
    const stopped: TripState = {
      ...running,
      status: 'NEEDS_ATTENTION',
      attention: {
        step: 3,
        reason: 'REPLY_REJECTED',
        detail: 'a reply could not be applied',
        resumeStatus: 'RUNNING',
      },
    };

    const { state } = compensateSaga(askableTripSaga, stopped, request, { now: at });

    expect(state.status).to.equal('COMPENSATING');
    expect(state.attention).to.equal(null);
  });

  describe('refuses, naming why', () => {
    const refusal = (definition: typeof askableTripSaga, state: TripState) => {
      try {
        compensateSaga(definition, state, request, { now: at });
      } catch (error) {
        expect(error).to.be.instanceOf(SagaNotCompensableError);
        return (error as SagaNotCompensableError).reason;
      }
      throw new Error('compensateSaga did not refuse');
    };

    it('a saga whose definition does not let a person ask', () => {
      expect(refusal(timedTripSaga, awaitingCharge())).to.equal('NO_COMPENSATION_POLICY');
    });

    it('a saga compensating already, running or stopped while compensating', () => {
      const compensating = compensateSaga(askableTripSaga, awaitingCharge(), request, { now: at }).state;
      expect(refusal(askableTripSaga, compensating)).to.equal('ALREADY_COMPENSATING');
      let stopped = compensating;
      for (let attempt = 0; attempt < 2; attempt++)
        stopped = handleTimeout(askableTripSaga, stopped, {
          now: new Date(stopped.steps[2]?.deadlineAt ?? 0),
        }).state;
      expect(stopped.status).to.equal('NEEDS_ATTENTION');
      expect(refusal(askableTripSaga, stopped)).to.equal('ALREADY_COMPENSATING');
    });

    it('a saga that has ended', () => {
      const { state } = start(askableTripSaga, tripData(), { now });
      const ended = handle(askableTripSaga, state, reply('flight.unavailable', { tripId }), { now }).state;
      expect(ended.status).to.equal('CANCELLED');
      expect(refusal(askableTripSaga, ended)).to.equal('ENDED');
    });

    it('a saga awaiting a step that must not be given up on (no onTimeout)', () => {
      const charged = handle(
        askableTripSaga,
        awaitingCharge(),
        reply('card.charged', { tripId, chargeId: 'C-1' }),
        {
          now,
        },
      ).state;
      expect(charged.steps[4]?.status).to.equal('ACTIVE');
      expect(refusal(askableTripSaga, charged)).to.equal('POINT_OF_NO_RETURN');
    });
  });
});
