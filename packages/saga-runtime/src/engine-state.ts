import { SAGA_STATE_VERSION, type SagaState, type StepState } from '@saga/saga-engine';
import type { SagaDocument, StepRecord } from './saga-document.ts';

/**
 * The engine's state shape versions this service reads. Version 1 (before deadlines) lacks step
 * attempts, deadlines and attention, and reads as the current version with none: such a saga awaits
 * its reply without a deadline, which is what it did when it was stored; a retry gives it one.
 * Version 2 (before acknowledged final commands) lacks `finalCommands`, and reads with none: its
 * final commands were sent and not awaited, as they were then.
 */
const readableVersions: readonly number[] = [1, 2, SAGA_STATE_VERSION];

/**
 * The engine's state of a stored saga: its own fields, with the steps stripped of the bookkeeping.
 * `handle` checks it against the definition (shape version, saga name, step names), so a document
 * of another shape is refused there rather than misread here.
 */
export function engineState<D, R>(document: SagaDocument<D, R>): SagaState<D, R> {
  return {
    stateVersion: (readableVersions.includes(document.stateVersion)
      ? SAGA_STATE_VERSION
      : document.stateVersion) as typeof SAGA_STATE_VERSION,
    saga: document.saga,
    status: document.status,
    currentStep: document.currentStep,
    failureReason: document.failureReason,
    attention: document.attention ?? null,
    data: document.data,
    steps: document.steps.map(engineStep),
    finalCommands: (document.finalCommands ?? []).map((command) => ({
      topic: command.topic,
      attempts: command.attempts,
      deadlineAt: command.deadlineAt?.getTime() ?? null,
    })),
  };
}

/**
 * A step as the engine keeps it. Its `attempts` count the sends of what the step awaits now, which the
 * record keeps as the step's attempts while ACTIVE, and as its compensation's while COMPENSATING.
 */
export function engineStep(record: StepRecord): StepState {
  return {
    name: record.name,
    status: record.status,
    attempts: awaitedAttempts(record),
    deadlineAt: record.deadlineAt?.getTime() ?? null,
  };
}

function awaitedAttempts(record: StepRecord): number {
  if (record.status === 'ACTIVE') return record.attempts;
  if (record.status === 'COMPENSATING') return record.compensation?.attempts ?? 0;
  return 0;
}
