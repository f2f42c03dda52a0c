import { expect } from 'chai';
import { defineSaga, start } from '../src/index.ts';
import { now, tripData, tripId, tripSaga, tripSpec } from './trip-saga.ts';

describe('start', () => {
  it('sends the first step’s command, built from the data and the given time, and awaits its reply', () => {
    const { state, actions } = start(tripSaga, tripData(), { now });

    expect(actions).to.deep.equal([
      { topic: 'flight.book', value: { tripId, destination: 'Lisbon', requestedAt: now } },
    ]);
    expect(state).to.deep.equal({
      stateVersion: 3,
      saga: 'trip',
      status: 'RUNNING',
      currentStep: 0,
      failureReason: null,
      attention: null,
      data: tripData(),
      steps: [
        { name: 'bookFlight', status: 'ACTIVE', attempts: 1, deadlineAt: null },
        { name: 'checkVisa', status: 'PENDING', attempts: 0, deadlineAt: null },
        { name: 'rentCar', status: 'PENDING', attempts: 0, deadlineAt: null },
        { name: 'chargeCard', status: 'PENDING', attempts: 0, deadlineAt: null },
        { name: 'issueTickets', status: 'PENDING', attempts: 0, deadlineAt: null },
      ],
      finalCommands: [],
    });
  });

  it('skips leading steps whose command’s `when` says no', () => {
    const saga = defineSaga({ ...tripSpec, steps: tripSpec.steps.slice(2) });

    const { state, actions } = start(saga, tripData({ wantsCar: false }), { now });

    expect(actions).to.deep.equal([{ topic: 'card.charge', value: { tripId, amount: 120_00 } }]);
    expect(state.currentStep).to.equal(1);
    expect(state.steps.map((step) => step.status)).to.deep.equal(['SKIPPED', 'ACTIVE', 'PENDING']);
  });

  it('completes at once, sending the completion commands, when every step is skipped', () => {
    const saga = defineSaga({ ...tripSpec, steps: tripSpec.steps.slice(2, 3) });

    const { state, actions } = start(saga, tripData({ wantsCar: false, bookingId: 'B-1' }), { now });

    expect(state.status).to.equal('COMPLETED');
    expect(state.currentStep).to.equal(null);
    expect(state.steps).to.deep.equal([
      { name: 'rentCar', status: 'SKIPPED', attempts: 0, deadlineAt: null },
    ]);
    expect(actions).to.deep.equal([
      { topic: 'trip.confirm', value: { tripId, bookingId: 'B-1', confirmedAt: now } },
    ]);
  });
});
