import { expect } from 'chai';
import {
  defineSaga,
  handle,
  SagaStateError,
  start,
  type SagaDefinition,
  type SagaReply,
  type SagaState,
} from '../src/index.ts';
import {
  deepFreeze,
  now,
  reply,
  tripData,
  tripId,
  tripSaga,
  tripSpec,
  type TripData,
  type TripFailure,
  type TripTopics,
} from './trip-saga.ts';

type TripState = SagaState<TripData, TripFailure>;
type TripSaga = SagaDefinition<TripTopics, TripData, TripFailure>;

const later = new Date(now.getTime() + 60_000);

const flightBooked = reply('flight.booked', { tripId, bookingId: 'B-1' });
const flightUnavailable = reply('flight.unavailable', { tripId });
const flightCancelled = reply('flight.cancelled', { tripId });
const visaGranted = reply('visa.granted', { tripId });
const visaDenied = reply('visa.denied', { tripId, note: 'no visa on arrival' });
const carRented = reply('car.rented', { tripId, rentalId: 'R-1' });
const carReturned = reply('car.returned', { tripId });
const cardCharged = reply('card.charged', { tripId, chargeId: 'C-1' });
const cardDeclined = reply('card.declined', { tripId });
const cardRefunded = reply('card.refunded', { tripId });
const ticketsIssued = reply('tickets.issued', { tripId });
const ticketsRefused = reply('tickets.refused', { tripId });

/** The state a trip saga reaches from its start through these replies, each of which must apply. */
function given(data: TripData, replies: SagaReply<TripTopics>[], saga: TripSaga = tripSaga): TripState {
  let { state } = start(saga, data, { now });
  for (const next of replies) {
    const transition = handle(saga, state, next, { now });
    expect(transition.outcome.kind, `${next.topic} applies`).to.equal('APPLIED');
    state = transition.state;
  }
  return state;
}

const withCar = tripData({ wantsCar: true });
const withoutCar = tripData({ wantsCar: false });
const statuses = (state: TripState) => state.steps.map((step) => step.status);

describe('handle', () => {
  describe('given the success reply the current step awaits', () => {
    it('records what the reply says and sends the next step’s command', () => {
      const { state, actions, outcome } = handle(tripSaga, given(withCar, []), flightBooked, { now: later });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'bookFlight', reply: 'SUCCESS' });
      expect(actions).to.deep.equal([{ topic: 'visa.check', value: { tripId, destination: 'Lisbon' } }]);
      expect(state.status).to.equal('RUNNING');
      expect(state.currentStep).to.equal(1);
      expect(state.data.bookingId).to.equal('B-1');
      expect(statuses(state)).to.deep.equal(['SUCCEEDED', 'ACTIVE', 'PENDING', 'PENDING', 'PENDING']);
    });

    it('walks past a step whose command’s `when` says no, marking it SKIPPED', () => {
      const { state, actions } = handle(tripSaga, given(withoutCar, [flightBooked]), visaGranted, { now });

      expect(actions).to.deep.equal([{ topic: 'card.charge', value: { tripId, amount: 120_00 } }]);
      expect(state.currentStep).to.equal(3);
      expect(statuses(state)).to.deep.equal(['SUCCEEDED', 'SUCCEEDED', 'SKIPPED', 'ACTIVE', 'PENDING']);
    });

    it('sends the command of a step whose `when` says yes', () => {
      const { state, actions } = handle(tripSaga, given(withCar, [flightBooked]), visaGranted, { now });

      expect(actions).to.deep.equal([{ topic: 'car.rent', value: { tripId } }]);
      expect(state.currentStep).to.equal(2);
    });

    it('completes after the last step, sending the completion commands stamped with the given time', () => {
      const issuingTickets = given(withCar, [flightBooked, visaGranted, carRented, cardCharged]);

      const { state, actions, outcome } = handle(tripSaga, issuingTickets, ticketsIssued, { now: later });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'issueTickets', reply: 'SUCCESS' });
      expect(actions).to.deep.equal([
        { topic: 'trip.confirm', value: { tripId, bookingId: 'B-1', confirmedAt: later } },
      ]);
      expect(state.status).to.equal('COMPLETED');
      expect(state.currentStep).to.equal(null);
      expect(state.failureReason).to.equal(null);
      expect(statuses(state)).to.deep.equal([
        'SUCCEEDED',
        'SUCCEEDED',
        'SUCCEEDED',
        'SUCCEEDED',
        'SUCCEEDED',
      ]);
    });
  });

  describe('given a failure reply at the first step', () => {
    it('cancels at once: nothing ran before it, and the step that failed did nothing to undo', () => {
      const { state, actions, outcome } = handle(tripSaga, given(withCar, []), flightUnavailable, {
        now: later,
      });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'bookFlight', reply: 'FAILURE' });
      expect(actions).to.deep.equal([
        { topic: 'trip.reject', value: { tripId, reason: 'NO_FLIGHT', note: null, rejectedAt: later } },
      ]);
      expect(state.status).to.equal('CANCELLED');
      expect(state.currentStep).to.equal(null);
      expect(state.failureReason).to.equal('NO_FLIGHT');
      expect(statuses(state)).to.deep.equal(['FAILED', 'PENDING', 'PENDING', 'PENDING', 'PENDING']);
    });
  });

  describe('given a failure reply at a later step', () => {
    it('compensates the steps that succeeded, newest first, each after the previous one is confirmed', () => {
      const issuingTickets = given(withCar, [flightBooked, visaGranted, carRented, cardCharged]);

      const refunding = handle(tripSaga, issuingTickets, ticketsRefused, { now });
      expect(refunding.outcome).to.deep.equal({ kind: 'APPLIED', step: 'issueTickets', reply: 'FAILURE' });
      expect(refunding.actions).to.deep.equal([
        { topic: 'card.refund', value: { tripId, chargeId: 'C-1', reason: 'TICKETS_REFUSED' } },
      ]);
      expect(refunding.state.status).to.equal('COMPENSATING');
      expect(refunding.state.currentStep).to.equal(3);
      expect(refunding.state.failureReason).to.equal('TICKETS_REFUSED');
      expect(statuses(refunding.state)).to.deep.equal([
        'SUCCEEDED',
        'SUCCEEDED',
        'SUCCEEDED',
        'COMPENSATING',
        'FAILED',
      ]);

      const returning = handle(tripSaga, refunding.state, cardRefunded, { now });
      expect(returning.outcome).to.deep.equal({ kind: 'APPLIED', step: 'chargeCard', reply: 'COMPENSATED' });
      expect(returning.actions).to.deep.equal([{ topic: 'car.return', value: { tripId, rentalId: 'R-1' } }]);
      expect(returning.state.currentStep).to.equal(2);

      // checkVisa succeeded but has nothing to undo: the walk goes past it.
      const cancellingFlight = handle(tripSaga, returning.state, carReturned, { now });
      expect(cancellingFlight.actions).to.deep.equal([
        { topic: 'flight.cancel', value: { tripId, bookingId: 'B-1', reason: 'TICKETS_REFUSED' } },
      ]);
      expect(cancellingFlight.state.currentStep).to.equal(0);

      const cancelled = handle(tripSaga, cancellingFlight.state, flightCancelled, { now: later });
      expect(cancelled.actions).to.deep.equal([
        { topic: 'trip.reject', value: { tripId, reason: 'TICKETS_REFUSED', note: null, rejectedAt: later } },
      ]);
      expect(cancelled.state.status).to.equal('CANCELLED');
      expect(cancelled.state.currentStep).to.equal(null);
      expect(cancelled.state.data.bookingId).to.equal(null);
      expect(statuses(cancelled.state)).to.deep.equal([
        'COMPENSATED',
        'SUCCEEDED',
        'COMPENSATED',
        'COMPENSATED',
        'FAILED',
      ]);
    });

    it('does not compensate the step that failed', () => {
      const chargingCard = given(withCar, [flightBooked, visaGranted, carRented]);

      const { state, actions } = handle(tripSaga, chargingCard, cardDeclined, { now });

      expect(actions).to.deep.equal([{ topic: 'car.return', value: { tripId, rentalId: 'R-1' } }]);
      expect(state.currentStep).to.equal(2);
      expect(statuses(state)).to.deep.equal(['SUCCEEDED', 'SUCCEEDED', 'COMPENSATING', 'FAILED', 'PENDING']);
    });

    it('walks past skipped steps, which did nothing', () => {
      const chargingCard = given(withoutCar, [flightBooked, visaGranted]);

      const { state, actions } = handle(tripSaga, chargingCard, cardDeclined, { now });

      expect(actions).to.deep.equal([
        { topic: 'flight.cancel', value: { tripId, bookingId: 'B-1', reason: 'CARD_DECLINED' } },
      ]);
      expect(state.currentStep).to.equal(0);
      expect(statuses(state)).to.deep.equal(['COMPENSATING', 'SUCCEEDED', 'SKIPPED', 'FAILED', 'PENDING']);
    });

    it('keeps what the failure reply says, for the commands that follow', () => {
      const compensating = handle(tripSaga, given(withCar, [flightBooked]), visaDenied, { now });
      expect(compensating.state.data.note).to.equal('no visa on arrival');
      expect(compensating.actions).to.deep.equal([
        { topic: 'flight.cancel', value: { tripId, bookingId: 'B-1', reason: 'VISA_DENIED' } },
      ]);

      const cancelled = handle(tripSaga, compensating.state, flightCancelled, { now });
      expect(cancelled.actions).to.deep.equal([
        {
          topic: 'trip.reject',
          value: { tripId, reason: 'VISA_DENIED', note: 'no visa on arrival', rejectedAt: now },
        },
      ]);
    });

    it('walks past a step whose compensation’s `when` says no, leaving it SUCCEEDED', () => {
      const rentCar = tripSpec.steps[2]!;
      const keepCar = {
        ...rentCar,
        compensation: {
          ...rentCar.compensation!,
          command: { ...rentCar.compensation!.command, when: () => false },
        },
      };
      const saga = defineSaga({ ...tripSpec, steps: tripSpec.steps.with(2, keepCar) });
      const chargingCard = given(withCar, [flightBooked, visaGranted, carRented], saga);

      const { state, actions } = handle(saga, chargingCard, cardDeclined, { now });

      expect(actions.map((action) => action.topic)).to.deep.equal(['flight.cancel']);
      expect(statuses(state)).to.deep.equal(['COMPENSATING', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'PENDING']);
    });
  });

  describe('given a reply the saga does not await', () => {
    it('ignores a duplicate: the very same state, and no commands', () => {
      const checkingVisa = given(withCar, [flightBooked]);

      const { state, actions, outcome } = handle(tripSaga, checkingVisa, flightBooked, { now });

      expect(state).to.equal(checkingVisa);
      expect(actions).to.deep.equal([]);
      expect(outcome).to.deep.equal({
        kind: 'IGNORED',
        reason: 'DUPLICATE',
        detail:
          '"flight.booked" is a success reply of step "bookFlight", which is SUCCEEDED while the saga is RUNNING',
      });
    });

    it('ignores a reply of a step whose command was not sent yet', () => {
      const bookingFlight = given(withCar, []);

      const { state, actions, outcome } = handle(tripSaga, bookingFlight, cardCharged, { now });

      expect(state).to.equal(bookingFlight);
      expect(actions).to.deep.equal([]);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'UNEXPECTED' });
    });

    it('ignores a failure that contradicts a success already applied', () => {
      const checkingVisa = given(withCar, [flightBooked]);

      const { state, outcome } = handle(tripSaga, checkingVisa, flightUnavailable, { now });

      expect(state).to.equal(checkingVisa);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'UNEXPECTED' });
    });

    it('ignores a duplicate confirmation of a compensation', () => {
      const returningCar = given(withCar, [
        flightBooked,
        visaGranted,
        carRented,
        cardCharged,
        ticketsRefused,
        cardRefunded,
      ]);

      const { state, actions, outcome } = handle(tripSaga, returningCar, cardRefunded, { now });

      expect(state).to.equal(returningCar);
      expect(actions).to.deep.equal([]);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });
    });

    it('ignores a topic that is no reply of the saga, such as its own command', () => {
      const bookingFlight = given(withCar, []);

      for (const stray of [
        reply('trip.requested', { tripId }),
        reply('flight.book', { tripId, destination: 'Lisbon', requestedAt: now }),
      ]) {
        const { state, actions, outcome } = handle(tripSaga, bookingFlight, stray, { now });
        expect(state).to.equal(bookingFlight);
        expect(actions).to.deep.equal([]);
        expect(outcome).to.include({ kind: 'IGNORED', reason: 'UNKNOWN_TOPIC' });
      }
    });

    it('ignores every reply once the saga completed: a repeated success as DUPLICATE, any other as LATE', () => {
      const completed = given(withCar, [flightBooked, visaGranted, carRented, cardCharged, ticketsIssued]);
      const replies = [
        flightBooked,
        flightUnavailable,
        flightCancelled,
        visaDenied,
        carReturned,
        cardCharged,
        cardDeclined,
        cardRefunded,
        ticketsIssued,
        ticketsRefused,
      ];

      const repeated = [flightBooked, visaGranted, carRented, cardCharged, ticketsIssued];

      for (const late of replies) {
        const { state, actions, outcome } = handle(tripSaga, completed, late, { now });
        expect(state, late.topic).to.equal(completed);
        expect(actions, late.topic).to.deep.equal([]);
        const reason = repeated.includes(late) ? 'DUPLICATE' : 'LATE';
        expect(outcome, late.topic).to.include({ kind: 'IGNORED', reason });
      }
    });

    it('ignores a late success of a step that failed, when its definition does not compensate that', () => {
      const cancelled = given(withCar, [flightUnavailable]);

      const { state, actions, outcome } = handle(tripSaga, cancelled, flightBooked, { now });

      expect(state).to.equal(cancelled);
      expect(actions).to.deep.equal([]);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'LATE' });
    });
  });

  describe('given a late success the definition compensates (compensateLateSuccess)', () => {
    it('undoes it even after the saga was cancelled, and records the confirmation', () => {
      const cancelled = given(withoutCar, [flightBooked, visaGranted, cardDeclined, flightCancelled]);
      expect(cancelled.status).to.equal('CANCELLED');

      const refunding = handle(tripSaga, cancelled, cardCharged, { now });
      expect(refunding.outcome).to.deep.equal({ kind: 'APPLIED', step: 'chargeCard', reply: 'LATE_SUCCESS' });
      expect(refunding.actions).to.deep.equal([
        { topic: 'card.refund', value: { tripId, chargeId: 'C-1', reason: 'CARD_DECLINED' } },
      ]);
      expect(refunding.state.status).to.equal('CANCELLED');
      expect(refunding.state.currentStep).to.equal(null);
      expect(refunding.state.steps[3]).to.deep.equal({
        name: 'chargeCard',
        status: 'COMPENSATING',
        attempts: 1,
        deadlineAt: null,
      });

      const refunded = handle(tripSaga, refunding.state, cardRefunded, { now });
      expect(refunded.outcome).to.deep.equal({ kind: 'APPLIED', step: 'chargeCard', reply: 'COMPENSATED' });
      expect(refunded.actions).to.deep.equal([]);
      expect(refunded.state.status).to.equal('CANCELLED');
      expect(refunded.state.steps[3]).to.deep.equal({
        name: 'chargeCard',
        status: 'COMPENSATED',
        attempts: 0,
        deadlineAt: null,
      });

      const again = handle(tripSaga, refunded.state, cardCharged, { now });
      expect(again.state).to.equal(refunded.state);
      expect(again.outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });
    });

    it('undoes it beside a compensation still under way, which goes on to the end', () => {
      const returningCar = given(withCar, [flightBooked, visaGranted, carRented, cardDeclined]);

      const refunding = handle(tripSaga, returningCar, cardCharged, { now });
      expect(refunding.actions.map((action) => action.topic)).to.deep.equal(['card.refund']);
      expect(refunding.state.status).to.equal('COMPENSATING');
      expect(refunding.state.currentStep).to.equal(2);

      const refunded = handle(tripSaga, refunding.state, cardRefunded, { now });
      expect(refunded.actions).to.deep.equal([]);
      expect(refunded.state.currentStep).to.equal(2);

      const cancellingFlight = handle(tripSaga, refunded.state, carReturned, { now });
      expect(cancellingFlight.actions.map((action) => action.topic)).to.deep.equal(['flight.cancel']);
      const cancelled = handle(tripSaga, cancellingFlight.state, flightCancelled, { now });
      expect(cancelled.actions.map((action) => action.topic)).to.deep.equal(['trip.reject']);
      expect(statuses(cancelled.state)).to.deep.equal([
        'COMPENSATED',
        'SUCCEEDED',
        'COMPENSATED',
        'COMPENSATED',
        'PENDING',
      ]);
    });
  });

  describe('the state it is given', () => {
    it('is never changed in place', () => {
      const chargingCard = given(withCar, [flightBooked, visaGranted, carRented]);
      const before = structuredClone(chargingCard);
      deepFreeze(chargingCard);

      handle(tripSaga, chargingCard, cardDeclined, { now });
      handle(tripSaga, chargingCard, cardCharged, { now });

      expect(chargingCard).to.deep.equal(before);
    });

    it('may be restored from JSON, and then handles the next reply the same way', () => {
      const chargingCard = given(withCar, [flightBooked, visaGranted, carRented]);
      const restored = JSON.parse(JSON.stringify(chargingCard)) as TripState;

      expect(handle(tripSaga, restored, cardCharged, { now })).to.deep.equal(
        handle(tripSaga, chargingCard, cardCharged, { now }),
      );
    });

    it('must belong to the definition', () => {
      const other = { ...given(withCar, []), saga: 'cruise' };

      expect(() => handle(tripSaga, other, flightBooked, { now }))
        .to.throw(SagaStateError, 'belongs to saga "cruise"')
        .with.property('code', 'STATE_OF_ANOTHER_SAGA');
    });

    it('must have the definition’s steps, so a changed definition does not misread a saga in flight', () => {
      const shorter = defineSaga({ ...tripSpec, steps: tripSpec.steps.slice(0, 4) });

      expect(() => handle(shorter, given(withCar, []), flightBooked, { now }))
        .to.throw(SagaStateError)
        .with.property('code', 'STEPS_CHANGED');
    });

    it('must be of the shape version the engine reads', () => {
      const future = { ...given(withCar, []), stateVersion: 4 } as unknown as TripState;

      expect(() => handle(tripSaga, future, flightBooked, { now }))
        .to.throw(SagaStateError, 'shape version is 4')
        .with.property('code', 'UNSUPPORTED_STATE_VERSION');
    });
  });
});
