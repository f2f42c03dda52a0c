import { expect } from 'chai';
import { handle, SAGA_STATE_VERSION } from '@saga/saga-engine';
import { commandEntries, engineState, newSagaDocument, type SagaDocument } from '../src/index.ts';
import {
  replyFor,
  startTripSaga,
  tripRequested,
  tripSaga,
  type TripData,
  type TripFailure,
} from './support/trip-saga.ts';

const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const now = new Date('2025-03-04T10:00:00.000Z');
const trip = tripRequested();

/** A saga as the orchestrator stored it before final commands were acknowledged (state version 2). */
function storedAtVersion2(
  fields: Partial<SagaDocument<TripData, TripFailure>> = {},
): SagaDocument<TripData, TripFailure> {
  const decision = startTripSaga(trip, { sagaId, now });
  const document: Record<string, unknown> = {
    ...newSagaDocument({
      sagaId,
      key: { name: 'tripId', value: trip.tripId },
      decision,
      received: { topic: 'trip.requested', messageId: 'requested-1' },
      outbox: commandEntries(decision.actions, trip.tripId),
      now,
    }),
  };
  delete document['finalCommands'];
  return { ...(document as unknown as SagaDocument<TripData, TripFailure>), stateVersion: 2, ...fields };
}

describe('engineState', () => {
  it('reads a saga stored at state version 2 as the current version, with no final command awaited', () => {
    const state = engineState(storedAtVersion2());

    expect(state.stateVersion).to.equal(SAGA_STATE_VERSION);
    expect(state.finalCommands).to.deep.equal([]);
    expect(state.status).to.equal('RUNNING');
  });

  it('lets the engine go on with such a saga: its reply applies', () => {
    const { outcome } = handle(
      tripSaga,
      engineState(storedAtVersion2()),
      replyFor('flight.booked', { tripId: trip.tripId, sagaId }),
      { now },
    );

    expect(outcome).to.include({ kind: 'APPLIED', step: 'bookFlight' });
  });

  it('reads one that ended then as ended: a late reply changes nothing', () => {
    const ended = engineState(storedAtVersion2({ status: 'COMPLETED', currentStep: null }));

    const { outcome, state } = handle(
      tripSaga,
      ended,
      replyFor('flight.booked', { tripId: trip.tripId, sagaId }),
      {
        now,
      },
    );

    expect(outcome.kind).to.equal('IGNORED');
    expect(state.status).to.equal('COMPLETED');
  });

  it('gives the deadlines of awaited final commands back as epoch milliseconds', () => {
    const deadlineAt = new Date('2025-03-04T10:01:00.000Z');
    const state = engineState({
      ...storedAtVersion2({ stateVersion: SAGA_STATE_VERSION, status: 'COMPLETING', currentStep: null }),
      finalCommands: [{ topic: 'trip.confirm', attempts: 2, deadlineAt }],
    });

    expect(state.finalCommands).to.deep.equal([
      { topic: 'trip.confirm', attempts: 2, deadlineAt: deadlineAt.getTime() },
    ]);
  });
});
