import { expect } from 'chai';
import { handle, handleTimeout, nextDeadline, start, type SagaReply, type SagaState } from '../src/index.ts';
import { after, timedTripSaga } from './timed-trip-saga.ts';
import {
  deepFreeze,
  now,
  reply,
  tripData,
  tripId,
  type TripData,
  type TripFailure,
  type TripTopics,
} from './trip-saga.ts';

type TripState = SagaState<TripData, TripFailure>;

const flightBooked = reply('flight.booked', { tripId, bookingId: 'B-1' });
const flightCancelled = reply('flight.cancelled', { tripId });
const visaGranted = reply('visa.granted', { tripId });
const carRented = reply('car.rented', { tripId, rentalId: 'R-1' });
const carReturned = reply('car.returned', { tripId });
const cardCharged = reply('card.charged', { tripId, chargeId: 'C-1' });
const cardRefunded = reply('card.refunded', { tripId });
const ticketsIssued = reply('tickets.issued', { tripId });

/** The timed trip saga after these replies, all received at `now`. */
function given(replies: SagaReply<TripTopics>[], data: TripData = tripData()): TripState {
  let { state } = start(timedTripSaga, data, { now });
  for (const next of replies) {
    const transition = handle(timedTripSaga, state, next, { now });
    expect(transition.outcome.kind, `${next.topic} applies`).to.equal('APPLIED');
    state = transition.state;
  }
  return state;
}

/** Lets every deadline of the state pass, one after the other, until none is left or `stop` says so. */
function letDeadlinesPass(state: TripState, stop: (state: TripState) => boolean = () => false) {
  const sent: string[] = [];
  let current = state;
  for (let guard = 0; guard < 20 && !stop(current); guard++) {
    const due = nextDeadline(current);
    if (due === null) break;
    const transition = handleTimeout(timedTripSaga, current, { now: due });
    sent.push(...transition.actions.map((action) => action.topic));
    current = transition.state;
  }
  return { state: current, sent };
}

const chargingCard = () => given([flightBooked, visaGranted, carRented]);

describe('handleTimeout', () => {
  describe('before any deadline has passed', () => {
    it('changes nothing: the very same state, NOT_DUE, and the same deadline', () => {
      const booking = given([]);

      const transition = handleTimeout(timedTripSaga, booking, { now: after(now, 999) });

      expect(transition.state).to.equal(booking);
      expect(transition.actions).to.deep.equal([]);
      expect(transition.outcome).to.deep.equal({ kind: 'NOT_DUE' });
      expect(transition.deadlineAt).to.deep.equal(after(now, 1_000));
    });
  });

  describe('given a step whose deadline passed with attempts left', () => {
    it('sends the same command again, built at the time of the re-send, and waits longer', () => {
      const at = after(now, 1_000);

      const { state, actions, outcome, deadlineAt } = handleTimeout(timedTripSaga, given([]), { now: at });

      expect(outcome).to.deep.equal({
        kind: 'TIMED_OUT',
        step: 'bookFlight',
        phase: 'COMMAND',
        attempts: 1,
        action: 'RESENT',
      });
      expect(actions).to.deep.equal([
        { topic: 'flight.book', value: { tripId, destination: 'Lisbon', requestedAt: at } },
      ]);
      expect(state.status).to.equal('RUNNING');
      expect(state.steps[0]).to.deep.equal({
        name: 'bookFlight',
        status: 'ACTIVE',
        attempts: 2,
        deadlineAt: at.getTime() + 2_000,
      });
      expect(deadlineAt).to.deep.equal(after(at, 2_000));
    });

    it('grows the wait by the multiplier, up to the cap, jittered within ± the jitter', () => {
      const deadlines = (random: number) => {
        let state = given([]);
        const waits: number[] = [];
        for (let attempt = 1; attempt <= 2; attempt++) {
          const due = state.steps[0]?.deadlineAt ?? 0;
          state = handleTimeout(timedTripSaga, state, { now: new Date(due), random: () => random }).state;
          waits.push((state.steps[0]?.deadlineAt ?? 0) - due);
        }
        return waits;
      };

      expect(deadlines(0)).to.deep.equal([1_600, 2_400]);
      expect(deadlines(0.5)).to.deep.equal([2_000, 3_000]);
      expect(deadlines(0.999_999)).to.deep.equal([2_400, 3_000]);
    });

    it('re-sends a compensation with the same reason', () => {
      const cancellingFlight = given([flightBooked, reply('visa.denied', { tripId, note: 'no' })]);
      const due = new Date(cancellingFlight.steps[0]?.deadlineAt ?? 0);

      const { actions, outcome, state } = handleTimeout(timedTripSaga, cancellingFlight, { now: due });

      expect(outcome).to.include({ step: 'bookFlight', phase: 'COMPENSATION', action: 'RESENT' });
      expect(actions).to.deep.equal([
        { topic: 'flight.cancel', value: { tripId, bookingId: 'B-1', reason: 'VISA_DENIED' } },
      ]);
      expect(state.steps[0]).to.include({ status: 'COMPENSATING', attempts: 2 });
    });

    it('never changes the state it is given', () => {
      const booking = deepFreeze(given([]));
      const before = structuredClone(booking);

      handleTimeout(timedTripSaga, booking, { now: after(now, 1_000) });

      expect(booking).to.deep.equal(before);
    });
  });

  describe('given a step whose attempts are spent', () => {
    it('gives the step up as TIMED_OUT and compensates what came before it, newest first', () => {
      const { state, sent } = letDeadlinesPass(chargingCard(), (s) => s.status !== 'RUNNING');

      expect(sent).to.deep.equal(['card.charge', 'card.charge', 'car.return']);
      expect(state.status).to.equal('COMPENSATING');
      expect(state.failureReason).to.equal('TIMED_OUT');
      expect(state.data.note).to.equal('no answer from the card company after 3 attempts');
      expect(state.steps.map((step) => step.status)).to.deep.equal([
        'SUCCEEDED',
        'SUCCEEDED',
        'COMPENSATING',
        'TIMED_OUT',
        'PENDING',
      ]);
    });

    it('says it gave up, after how many sends', () => {
      const { state } = letDeadlinesPass(chargingCard(), (s) => s.steps[3]?.attempts === 3);

      const { outcome } = handleTimeout(timedTripSaga, state, {
        now: new Date(state.steps[3]?.deadlineAt ?? 0),
      });

      expect(outcome).to.deep.equal({
        kind: 'TIMED_OUT',
        step: 'chargeCard',
        phase: 'COMMAND',
        attempts: 3,
        action: 'GAVE_UP',
      });
    });

    it('needs attention for a step without onTimeout: it stops, awaiting its reply with no deadline', () => {
      const issuing = given([flightBooked, visaGranted, carRented, cardCharged]);

      const { state, sent } = letDeadlinesPass(issuing);

      expect(sent).to.deep.equal(['tickets.issue', 'tickets.issue']);
      expect(state.status).to.equal('NEEDS_ATTENTION');
      expect(state.currentStep).to.equal(4);
      expect(state.attention).to.deep.equal({
        step: 4,
        reason: 'STEP_TIMED_OUT',
        detail: 'no reply to "tickets.issue" after 3 attempts, and step "issueTickets" must not be undone',
        resumeStatus: 'RUNNING',
      });
      expect(state.steps[4]).to.deep.equal({
        name: 'issueTickets',
        status: 'ACTIVE',
        attempts: 3,
        deadlineAt: null,
      });
    });

    it('needs attention for a compensation: an undo that did not happen cannot be skipped', () => {
      const { state, sent } = letDeadlinesPass(chargingCard());

      expect(sent).to.deep.equal(['card.charge', 'card.charge', 'car.return', 'car.return']);
      expect(state.status).to.equal('NEEDS_ATTENTION');
      expect(state.attention).to.deep.include({
        step: 2,
        reason: 'COMPENSATION_TIMED_OUT',
        resumeStatus: 'COMPENSATING',
      });
      expect(state.steps[2]).to.include({ status: 'COMPENSATING', deadlineAt: null });
    });
  });

  describe('then, given the reply after all', () => {
    it('a late confirmation of the compensation resolves the attention, and the walk goes on', () => {
      const { state: stopped } = letDeadlinesPass(chargingCard());

      const { state, actions, outcome } = handle(timedTripSaga, stopped, carReturned, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'rentCar', reply: 'COMPENSATED' });
      expect(actions.map((action) => action.topic)).to.deep.equal(['flight.cancel']);
      expect(state.status).to.equal('COMPENSATING');
      expect(state.attention).to.equal(null);
    });

    it('a reply for another step is applied, and the attention stays', () => {
      const { state: stopped } = letDeadlinesPass(chargingCard());
      expect(stopped.attention?.step).to.equal(2);

      const { state, actions, outcome } = handle(timedTripSaga, stopped, cardCharged, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'chargeCard', reply: 'LATE_SUCCESS' });
      expect(actions.map((action) => action.topic)).to.deep.equal(['card.refund']);
      expect(state.status).to.equal('NEEDS_ATTENTION');
      expect(state.attention).to.deep.equal(stopped.attention);
      expect(state.steps[3]?.status).to.equal('COMPENSATING');
    });

    it('a late success of a step that needed attention moves the saga on forward', () => {
      const { state: stopped } = letDeadlinesPass(given([flightBooked, visaGranted, carRented, cardCharged]));

      const { state, actions } = handle(timedTripSaga, stopped, ticketsIssued, { now });

      expect(state.status).to.equal('COMPLETED');
      expect(state.attention).to.equal(null);
      expect(actions.map((action) => action.topic)).to.deep.equal(['trip.confirm']);
    });

    it('a late success of a step that was given up is compensated, once', () => {
      const { state: compensating } = letDeadlinesPass(chargingCard(), (s) => s.status !== 'RUNNING');
      const cancelled = [carReturned, flightCancelled].reduce(
        (state, next) => handle(timedTripSaga, state, next, { now }).state,
        compensating,
      );
      expect(cancelled.status).to.equal('CANCELLED');

      const refunding = handle(timedTripSaga, cancelled, cardCharged, { now });
      expect(refunding.outcome).to.deep.equal({ kind: 'APPLIED', step: 'chargeCard', reply: 'LATE_SUCCESS' });
      expect(refunding.actions).to.deep.equal([
        { topic: 'card.refund', value: { tripId, chargeId: 'C-1', reason: 'TIMED_OUT' } },
      ]);
      expect(refunding.state.status).to.equal('CANCELLED');
      expect(refunding.deadlineAt).to.deep.equal(after(now, 500));

      const again = handle(timedTripSaga, refunding.state, cardCharged, { now });
      expect(again.state).to.equal(refunding.state);
      expect(again.actions).to.deep.equal([]);
      expect(again.outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });

      const refunded = handle(timedTripSaga, refunding.state, cardRefunded, { now });
      expect(refunded.state.steps[3]).to.include({ status: 'COMPENSATED', deadlineAt: null });
      expect(refunded.deadlineAt).to.equal(null);
    });

    it('a late reply of a step that was given up, with nothing to compensate, is ignored as LATE', () => {
      const checkingVisa = given([flightBooked]);
      const { state: compensating } = letDeadlinesPass(checkingVisa, (s) => s.status !== 'RUNNING');
      expect(compensating.steps[1]?.status).to.equal('TIMED_OUT');

      for (const late of [visaGranted, reply('visa.denied', { tripId, note: 'no' })]) {
        const { state, actions, outcome } = handle(timedTripSaga, compensating, late, { now });
        expect(state, late.topic).to.equal(compensating);
        expect(actions, late.topic).to.deep.equal([]);
        expect(outcome, late.topic).to.include({ kind: 'IGNORED', reason: 'LATE' });
      }
    });
  });

  describe('given a compensation the participant refuses', () => {
    const refundRefused = reply('card.refundRefused', { tripId, why: 'card closed' });
    const refunding = () =>
      given([flightBooked, visaGranted, carRented, cardCharged, reply('tickets.refused', { tripId })]);

    it('needs attention, with the participant’s reason, and stops the compensation’s deadline', () => {
      const { state, actions, outcome, deadlineAt } = handle(timedTripSaga, refunding(), refundRefused, {
        now,
      });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'chargeCard', reply: 'COMPENSATION_FAILED' });
      expect(actions).to.deep.equal([]);
      expect(state.status).to.equal('NEEDS_ATTENTION');
      expect(state.attention).to.deep.equal({
        step: 3,
        reason: 'COMPENSATION_FAILED',
        detail: 'refund refused: card closed',
        resumeStatus: 'COMPENSATING',
      });
      expect(deadlineAt).to.equal(null);
    });

    it('ignores the same refusal again as a DUPLICATE', () => {
      const stopped = handle(timedTripSaga, refunding(), refundRefused, { now }).state;

      const { state, outcome } = handle(timedTripSaga, stopped, refundRefused, { now });

      expect(state).to.equal(stopped);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });
    });
  });
});
