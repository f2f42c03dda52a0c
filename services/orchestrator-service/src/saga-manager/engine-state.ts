import { SAGA_STATE_VERSION, type SagaState } from '@saga/saga-engine';
import type { SagaDocument } from '../model/saga-document.ts';

/**
 * The engine's state of a stored saga: its own fields, with the steps stripped of the bookkeeping.
 * `handle` checks it against the definition (shape version, saga name, step names), so a document
 * of another shape is refused there rather than misread here.
 */
export function engineState<D, R>(document: SagaDocument<D, R>): SagaState<D, R> {
  return {
    stateVersion: document.stateVersion as typeof SAGA_STATE_VERSION,
    saga: document.saga,
    status: document.status,
    currentStep: document.currentStep,
    failureReason: document.failureReason,
    data: document.data,
    steps: document.steps.map(({ name, status }) => ({ name, status })),
  };
}
