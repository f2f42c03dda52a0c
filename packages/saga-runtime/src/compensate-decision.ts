import {
  compensateSaga,
  type CompensationRequested,
  type SagaDefinition,
  type SagaStatus,
} from '@saga/saga-engine';
import type { OutboxEntry } from '@saga/service-kit';
import { commandEntries } from './command-entries.ts';
import type { SagaDocument } from './saga-document.ts';
import { engineState } from './engine-state.ts';
import { compensateUpdate, type SagaUpdate } from './saga-update.ts';

/** What to write for a compensation a person asked for. */
export interface CompensateDecision {
  readonly update: SagaUpdate;
  readonly outbox: readonly OutboxEntry[];
  readonly outcome: CompensationRequested;
  /** The saga's status once the update is written. */
  readonly status: SagaStatus;
  /** The saga's earliest deadline once the update is written; null for none. */
  readonly deadlineAt: Date | null;
}

/**
 * Asks the engine to compensate a stored saga (`compensateSaga`) and turns the answer into one
 * update: the compensations (or final commands) become outbox entries keyed by the saga's key, each
 * in a new trace, and the history records who asked and why.
 *
 * @throws {SagaNotCompensableError} (from the engine) when the saga cannot be asked to compensate
 */
export function decideCompensate<M extends object, D, R>(params: {
  readonly definition: SagaDefinition<M, D, R>;
  readonly before: SagaDocument<D, R>;
  readonly request: { readonly reason: string; readonly by: string };
  readonly now: Date;
  readonly random?: () => number;
}): CompensateDecision {
  const { definition, before, request, now } = params;
  const transition = compensateSaga(definition, engineState(before), request, {
    now,
    random: params.random ?? Math.random,
  });
  const { outcome } = transition;
  if (outcome.kind !== 'COMPENSATION_REQUESTED')
    throw new TypeError(`compensateSaga answered with a ${outcome.kind} outcome`);
  const outbox = commandEntries(transition.actions, before.key);
  return {
    update: compensateUpdate({ before, transition: { ...transition, outcome }, by: request.by, outbox, now }),
    outbox,
    outcome,
    status: transition.state.status,
    deadlineAt: transition.deadlineAt,
  };
}
