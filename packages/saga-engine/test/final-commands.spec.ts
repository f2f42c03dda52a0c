import { expect } from 'chai';
import {
  defineSaga,
  handle,
  handleTimeout,
  nextDeadline,
  retrySaga,
  SagaDefinitionError,
  start,
  type SagaReply,
  type SagaState,
  type StepPolicy,
  withPolicies,
} from '../src/index.ts';
import { after } from './timed-trip-saga.ts';
import {
  now,
  reply,
  tripData,
  tripId,
  tripSpec,
  type TripData,
  type TripFailure,
  type TripTopics,
} from './trip-saga.ts';

type TripState = SagaState<TripData, TripFailure>;

/** 2 s, then 4 s: two sends of a final command before the saga needs attention. */
const notifyPolicy: StepPolicy = {
  deadlineMs: 2_000,
  maxAttempts: 2,
  backoff: { multiplier: 2, maxDeadlineMs: 4_000, jitter: 0 },
};

const [confirm] = tripSpec.onCompleted;
const [reject] = tripSpec.onCancelled;
if (!confirm || !reject) throw new Error('the trip saga confirms and rejects');

/** The trip saga, with its final commands acknowledged by their receiver. */
const ackedTripSaga = defineSaga<TripTopics, TripData, TripFailure>({
  ...tripSpec,
  onCompleted: [{ ...confirm, acknowledgedBy: 'trip.confirmed', policy: notifyPolicy }],
  onCancelled: [{ ...reject, acknowledgedBy: 'trip.rejected', policy: notifyPolicy }],
});

const flightBooked = reply('flight.booked', { tripId, bookingId: 'B-1' });
const flightUnavailable = reply('flight.unavailable', { tripId });
const visaGranted = reply('visa.granted', { tripId });
const cardCharged = reply('card.charged', { tripId, chargeId: 'C-1' });
const ticketsIssued = reply('tickets.issued', { tripId });
const tripConfirmed = reply('trip.confirmed', { tripId });
const tripRejected = reply('trip.rejected', { tripId });

const noCar = tripData({ wantsCar: false });

function given(replies: SagaReply<TripTopics>[], at = now): TripState {
  let { state } = start(ackedTripSaga, noCar, { now: at });
  for (const next of replies) {
    const transition = handle(ackedTripSaga, state, next, { now: at });
    expect(transition.outcome.kind, `${next.topic} applies`).to.equal('APPLIED');
    state = transition.state;
  }
  return state;
}

const completing = () => given([flightBooked, visaGranted, cardCharged, ticketsIssued]);

describe('final commands acknowledged by their receiver', () => {
  it('are awaited: the last step’s success sends the final command, and the saga is COMPLETING by its deadline', () => {
    const { state, actions, deadlineAt } = handle(
      ackedTripSaga,
      given([flightBooked, visaGranted, cardCharged]),
      ticketsIssued,
      { now },
    );

    expect(actions.map((action) => action.topic)).to.deep.equal(['trip.confirm']);
    expect(state.status).to.equal('COMPLETING');
    expect(state.currentStep).to.equal(null);
    expect(state.finalCommands).to.deep.equal([
      { topic: 'trip.confirm', attempts: 1, deadlineAt: after(now, 2_000).getTime() },
    ]);
    expect(deadlineAt).to.deep.equal(after(now, 2_000));
  });

  it('end the saga when acknowledged: COMPLETED, nothing sent, no deadline left', () => {
    const { state, actions, deadlineAt, outcome } = handle(ackedTripSaga, completing(), tripConfirmed, {
      now,
    });

    expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'trip.confirm', reply: 'ACKNOWLEDGED' });
    expect(state.status).to.equal('COMPLETED');
    expect(state.finalCommands).to.deep.equal([]);
    expect(actions).to.deep.equal([]);
    expect(deadlineAt).to.equal(null);
  });

  it('take a repeated acknowledgement as a duplicate, and one of the other outcome as unexpected', () => {
    const completed = handle(ackedTripSaga, completing(), tripConfirmed, { now }).state;

    expect(handle(ackedTripSaga, completed, tripConfirmed, { now }).outcome).to.include({
      kind: 'IGNORED',
      reason: 'DUPLICATE',
    });
    const wrong = handle(ackedTripSaga, completing(), tripRejected, { now });
    expect(wrong.outcome).to.include({ kind: 'IGNORED', reason: 'UNEXPECTED' });
    expect(wrong.state).to.deep.equal(completing());
  });

  it('are sent again on their deadline, with a longer one, while the policy allows', () => {
    const { state, actions, outcome } = handleTimeout(ackedTripSaga, completing(), {
      now: after(now, 2_000),
    });

    expect(outcome).to.deep.equal({
      kind: 'TIMED_OUT',
      step: 'trip.confirm',
      phase: 'FINAL_COMMAND',
      attempts: 1,
      action: 'RESENT',
    });
    expect(actions).to.deep.equal([
      { topic: 'trip.confirm', value: { tripId, bookingId: 'B-1', confirmedAt: after(now, 2_000) } },
    ]);
    expect(state.status).to.equal('COMPLETING');
    expect(state.finalCommands).to.deep.equal([
      { topic: 'trip.confirm', attempts: 2, deadlineAt: after(now, 6_000).getTime() },
    ]);
  });

  it('are not due before their deadline', () => {
    const state = completing();

    const { outcome, state: same } = handleTimeout(ackedTripSaga, state, { now: after(now, 1_999) });

    expect(outcome).to.deep.equal({ kind: 'NOT_DUE' });
    expect(same).to.equal(state);
  });

  it('past the policy’s attempts, leave the saga NEEDS_ATTENTION, naming the command, with no deadline', () => {
    const resent = handleTimeout(ackedTripSaga, completing(), { now: after(now, 2_000) }).state;

    const { state, actions, outcome, deadlineAt } = handleTimeout(ackedTripSaga, resent, {
      now: after(now, 6_000),
    });

    expect(outcome).to.include({ kind: 'TIMED_OUT', action: 'NEEDS_ATTENTION', phase: 'FINAL_COMMAND' });
    expect(actions).to.deep.equal([]);
    expect(deadlineAt).to.equal(null);
    expect(state.status).to.equal('NEEDS_ATTENTION');
    expect(state.attention).to.deep.include({
      step: null,
      reason: 'FINAL_COMMAND_TIMED_OUT',
      resumeStatus: 'COMPLETING',
    });
    expect(state.attention?.detail).to.contain('"trip.confirm"').and.contain('"trip.confirmed"');
  });

  it('a saga that needs attention for one is resumed by a retry, which sends it again with its attempts afresh', () => {
    const resent = handleTimeout(ackedTripSaga, completing(), { now: after(now, 2_000) }).state;
    const stopped = handleTimeout(ackedTripSaga, resent, { now: after(now, 6_000) }).state;

    const retried = retrySaga(ackedTripSaga, stopped, { now: after(now, 60_000) });

    expect(retried.outcome).to.deep.equal({ kind: 'RETRIED', steps: ['trip.confirm'] });
    expect(retried.actions.map((action) => action.topic)).to.deep.equal(['trip.confirm']);
    expect(retried.state.status).to.equal('COMPLETING');
    expect(retried.state.attention).to.equal(null);
    expect(retried.state.finalCommands).to.deep.equal([
      { topic: 'trip.confirm', attempts: 1, deadlineAt: after(now, 62_000).getTime() },
    ]);
    expect(handle(ackedTripSaga, retried.state, tripConfirmed, { now }).state.status).to.equal('COMPLETED');
  });

  it('a late acknowledgement resolves the attention and ends the saga', () => {
    const resent = handleTimeout(ackedTripSaga, completing(), { now: after(now, 2_000) }).state;
    const stopped = handleTimeout(ackedTripSaga, resent, { now: after(now, 6_000) }).state;

    const { state } = handle(ackedTripSaga, stopped, tripConfirmed, { now });

    expect(state.status).to.equal('COMPLETED');
    expect(state.attention).to.equal(null);
  });

  it('await the cancellation’s as well: CANCELLING until it is acknowledged, then CANCELLED', () => {
    const cancelling = given([flightUnavailable]);
    expect(cancelling.status).to.equal('CANCELLING');
    expect(cancelling.failureReason).to.equal('NO_FLIGHT');
    expect(cancelling.finalCommands.map((command) => command.topic)).to.deep.equal(['trip.reject']);

    const resent = handleTimeout(ackedTripSaga, cancelling, { now: after(now, 2_000) });
    expect(resent.actions).to.deep.equal([
      {
        topic: 'trip.reject',
        value: { tripId, reason: 'NO_FLIGHT', note: null, rejectedAt: after(now, 2_000) },
      },
    ]);

    expect(handle(ackedTripSaga, resent.state, tripRejected, { now }).state.status).to.equal('CANCELLED');
  });

  it('ignore a late step reply while the saga completes', () => {
    const { outcome } = handle(ackedTripSaga, completing(), flightBooked, { now });

    expect(outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });
  });

  it('without acknowledgedBy, are sent once and the saga ends at once, as before', () => {
    const saga = defineSaga(tripSpec);
    let { state } = start(saga, noCar, { now });
    for (const next of [flightBooked, visaGranted, cardCharged, ticketsIssued])
      state = handle(saga, state, next, { now }).state;

    expect(state.status).to.equal('COMPLETED');
    expect(state.finalCommands).to.deep.equal([]);
    expect(nextDeadline(state)).to.equal(null);
  });

  it('take another policy by their topic through withPolicies, as a runner tunes them', () => {
    const quick = {
      ...notifyPolicy,
      deadlineMs: 100,
      backoff: { ...notifyPolicy.backoff, maxDeadlineMs: 100 },
    };

    const tuned = withPolicies(ackedTripSaga, { 'trip.confirm': { command: quick } });

    expect(tuned.onCompleted[0]?.policy).to.equal(quick);
    expect(tuned.onCancelled[0]?.policy).to.equal(notifyPolicy);
  });

  describe('are checked by defineSaga', () => {
    it('an acknowledgement awaited elsewhere too is ambiguous', () => {
      expect(() =>
        defineSaga<TripTopics, TripData, TripFailure>({
          ...tripSpec,
          onCompleted: [{ ...confirm, acknowledgedBy: 'tickets.issued' }],
        }),
      )
        .to.throw(SagaDefinitionError)
        .with.property('code', 'AMBIGUOUS_REPLY');
    });

    it('a policy needs an acknowledgement to be met by', () => {
      expect(() =>
        defineSaga<TripTopics, TripData, TripFailure>({
          ...tripSpec,
          onCompleted: [{ ...confirm, policy: notifyPolicy }],
        }),
      )
        .to.throw(SagaDefinitionError, 'no acknowledgedBy')
        .with.property('code', 'INVALID_POLICY');
    });

    it('the acknowledgements are reply topics the runner subscribes to', () => {
      expect(ackedTripSaga.replyTopics).to.include.members(['trip.confirmed', 'trip.rejected']);
    });
  });
});
