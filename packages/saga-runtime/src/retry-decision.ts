import { retrySaga, type Retried, type SagaDefinition, type SagaStatus } from '@saga/saga-engine';
import type { OutboxEntry } from '@saga/service-kit';
import { commandEntries, sagaTrace } from './command-entries.ts';
import type { SagaDocument } from './saga-document.ts';
import { engineState } from './engine-state.ts';
import { retryUpdate, type SagaUpdate } from './saga-update.ts';

/** What to write for a retry. */
export interface RetryDecision {
  readonly update: SagaUpdate;
  readonly outbox: readonly OutboxEntry[];
  readonly outcome: Retried;
  /** The saga's status once the update is written. */
  readonly status: SagaStatus;
  /** The saga's earliest deadline once the update is written; null for none. */
  readonly deadlineAt: Date | null;
}

/**
 * Asks the engine to re-drive a stored saga (`retrySaga`) and turns the answer into one update: the
 * commands sent again become outbox entries keyed by the saga's key, each in a new trace.
 *
 * @throws {SagaNotRetriableError} (from the engine) when the saga ended and has nothing to re-drive
 */
export function decideRetry<M extends object, D, R>(params: {
  readonly definition: SagaDefinition<M, D, R>;
  readonly before: SagaDocument<D, R>;
  readonly now: Date;
  readonly random?: () => number;
}): RetryDecision {
  const { definition, before, now } = params;
  const transition = retrySaga(definition, engineState(before), {
    now,
    random: params.random ?? Math.random,
  });
  const { outcome } = transition;
  if (outcome.kind !== 'RETRIED') throw new TypeError(`retrySaga answered with a ${outcome.kind} outcome`);
  const outbox = commandEntries(transition.actions, before.key, sagaTrace(before));
  return {
    update: retryUpdate({ before, transition: { ...transition, outcome }, outbox, now }),
    outbox,
    outcome,
    status: transition.state.status,
    deadlineAt: transition.deadlineAt,
  };
}
