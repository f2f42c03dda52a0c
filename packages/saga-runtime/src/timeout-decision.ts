import { handleTimeout, type SagaDefinition, type SagaStatus, type TimedOut } from '@saga/saga-engine';
import { classifyError } from '@saga/events';
import type { OutboxEntry } from '@saga/service-kit';
import { commandEntries, sagaTrace } from './command-entries.ts';
import type { SagaDocument } from './saga-document.ts';
import { engineState } from './engine-state.ts';
import type { Rejection } from './history-entry.ts';
import { describeError } from './reply-decision.ts';
import { timeoutRejectionUpdate, timeoutUpdate, type SagaUpdate } from './saga-update.ts';

/** What to write for a saga whose deadline passed; `null` when none had (nothing to write). */
export interface TimeoutDecision {
  readonly update: SagaUpdate;
  readonly outbox: readonly OutboxEntry[];
  readonly outcome: TimedOut | Rejection;
  /** The saga's status once the update is written. */
  readonly status: SagaStatus;
  /** The saga's earliest deadline once the update is written; null for none. */
  readonly deadlineAt: Date | null;
}

/**
 * Asks the engine what a passed deadline means for a stored saga (`handleTimeout`) and turns the
 * answer into one update, as for a reply: the re-sent or compensating commands become outbox entries
 * keyed by the saga's key, in the saga's trace (no message caused them: the saga's start did). A saga the engine refuses
 * (an error that is not transient, as for a reply) gets the refusal in its history, loses its
 * deadline, so the scheduler does not trip over it every pass, and NEEDS_ATTENTION with the error as
 * its cause; a transient error is thrown, for the next pass to try again.
 */
export function decideTimeout<M extends object, D, R>(params: {
  readonly definition: SagaDefinition<M, D, R>;
  readonly before: SagaDocument<D, R>;
  readonly now: Date;
  readonly random?: () => number;
}): TimeoutDecision | null {
  const { definition, before, now } = params;
  try {
    const transition = handleTimeout(definition, engineState(before), {
      now,
      random: params.random ?? Math.random,
    });
    const { outcome } = transition;
    if (outcome.kind === 'NOT_DUE') return null;
    if (outcome.kind !== 'TIMED_OUT')
      throw new TypeError(`handleTimeout answered with a ${outcome.kind} outcome`);
    const outbox = commandEntries(transition.actions, before.key, sagaTrace(before));
    return {
      update: timeoutUpdate({ before, transition: { ...transition, outcome }, outbox, now }),
      outbox,
      outcome,
      status: transition.state.status,
      deadlineAt: transition.deadlineAt,
    };
  } catch (error) {
    if (classifyError(error) === 'transient') throw error;
    const refusal = describeError(error);
    const rejection: Rejection = { kind: 'REJECTED', code: refusal.code, detail: refusal.message };
    const rejected = timeoutRejectionUpdate({ before, rejection, now });
    return {
      update: rejected.update,
      outbox: [],
      outcome: rejection,
      status: rejected.status,
      deadlineAt: null,
    };
  }
}
