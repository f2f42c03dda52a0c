import { expect } from 'chai';
import { commandEntries, newSagaDocument, sagaView } from '../src/index.ts';
import { startTripSaga, tripRequested } from './support/trip-saga.ts';

const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const now = new Date('2025-03-04T10:00:00.000Z');
const trip = tripRequested();

function saga() {
  const decision = startTripSaga(trip, { sagaId, now });
  const outbox = commandEntries(decision.actions, trip.tripId);
  return newSagaDocument({
    sagaId,
    key: { name: 'tripId', value: trip.tripId },
    decision,
    received: { topic: 'trip.requested', messageId: 'requested-1' },
    outbox,
    now,
  });
}

describe('sagaView', () => {
  it('shows where the saga is, its key under its name, its steps, data and history, and its version', () => {
    const document = saga();
    expect(sagaView(document)).to.deep.equal({
      sagaId,
      saga: 'trip',
      tripId: trip.tripId,
      status: 'RUNNING',
      currentStep: { index: 0, name: 'bookFlight' },
      failureReason: null,
      attention: null,
      deadlineAt: document.deadlineAt,
      data: document.data,
      steps: document.steps,
      finalCommands: [],
      history: document.history,
      version: 0,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('leaves out the outbox, the processed message ids and the engine’s shape version', () => {
    expect(sagaView(saga())).to.not.have.any.keys(
      'outbox',
      'processedMessageIds',
      'stateVersion',
      '_id',
      'key',
      'keyName',
    );
  });

  it('names the step that needs attention, and why', () => {
    const stopped = {
      ...saga(),
      status: 'NEEDS_ATTENTION' as const,
      attention: {
        step: 0,
        reason: 'COMPENSATION_TIMED_OUT' as const,
        detail: 'no reply',
        resumeStatus: 'COMPENSATING' as const,
      },
    };
    expect(sagaView(stopped).attention).to.deep.equal({
      step: { index: 0, name: 'bookFlight' },
      reason: 'COMPENSATION_TIMED_OUT',
      detail: 'no reply',
      resumeStatus: 'COMPENSATING',
    });
  });

  it('names no step when a final command needs attention: its detail names the command', () => {
    const stopped = {
      ...saga(),
      status: 'NEEDS_ATTENTION' as const,
      currentStep: null,
      attention: {
        step: null,
        reason: 'FINAL_COMMAND_TIMED_OUT' as const,
        detail: 'no acknowledgement of final command "trip.confirm"',
        resumeStatus: 'COMPLETING' as const,
      },
      finalCommands: [{ topic: 'trip.confirm', attempts: 3, deadlineAt: null }],
    };
    expect(sagaView(stopped)).to.deep.include({
      attention: { ...stopped.attention },
      finalCommands: stopped.finalCommands,
    });
  });

  it('has no current step once the saga has ended', () => {
    expect(sagaView({ ...saga(), status: 'COMPLETED', currentStep: null }).currentStep).to.equal(null);
  });
});
