import { detach } from './saga-attention.ts';
import { SagaNotRetriableError, SagaStateError } from './errors.ts';
import { checkFits, reasonOf } from './handle.ts';
import type { SagaDefinition } from './saga-definition.ts';
import { nextDeadline, type SagaState } from './saga-state.ts';
import type { SagaTransition, TransitionOptions } from './saga-transition.ts';
import type { SagaAction } from './topic-map.ts';
import { clockOf, commandOf, finalCommandOf, sentFinalCommand, sentStep } from './walk.ts';

/**
 * Re-drives a saga from where it stopped, as a person asks: every step that awaits a reply (the one
 * that needs attention, a stuck one, a late compensation) has its attempts counted afresh and its
 * command (or compensation) sent again, with a new deadline; so has every final command awaiting its
 * acknowledgement. A NEEDS_ATTENTION saga returns to the
 * status it stopped in. Receivers are idempotent by the saga's key, so a re-send does no work twice.
 *
 * @throws {SagaNotRetriableError} when the saga ended (COMPLETED, CANCELLED) and awaits nothing
 * @throws {SagaStateError} when the state is not one of this definition's
 */
export function retrySaga<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  state: SagaState<D, R>,
  options: TransitionOptions,
): SagaTransition<M, D, R> {
  checkFits(definition, state);
  if (state.status === 'COMPLETED' || state.status === 'CANCELLED')
    throw new SagaNotRetriableError(definition.name, state.status);
  const clock = clockOf(options);
  const walk = detach(state);
  const steps = [...walk.steps];
  const actions: SagaAction<M>[] = [];
  const retried: string[] = [];
  for (const [index, stepState] of walk.steps.entries()) {
    const step = definition.steps[index];
    if (!step) continue;
    if (stepState.status === 'ACTIVE') {
      const action = commandOf(step.command, walk.data, { now: clock.now });
      if (!action) continue;
      actions.push(action);
      steps[index] = sentStep(step.name, 'ACTIVE', step.policy, 1, clock);
      retried.push(step.name);
    } else if (stepState.status === 'COMPENSATING' && step.compensation) {
      const reason = reasonOf(definition, walk);
      const action = commandOf(step.compensation.command, walk.data, { now: clock.now, reason });
      if (!action) continue;
      actions.push(action);
      steps[index] = sentStep(step.name, 'COMPENSATING', step.compensation.policy, 1, clock);
      retried.push(step.name);
    }
  }
  const finalCommands = walk.finalCommands.map((awaited) => {
    const found = finalCommandOf(definition, walk, awaited.topic, clock.now);
    if (!found) return awaited;
    actions.push(found.action);
    retried.push(awaited.topic);
    return sentFinalCommand(found.command, 1, clock);
  });
  if (retried.length === 0)
    throw new SagaStateError(
      'INCONSISTENT_STATE',
      definition.name,
      `it is ${state.status}, but no step awaits a reply`,
    );
  const next: SagaState<D, R> = { ...walk, steps, finalCommands };
  return {
    state: next,
    actions,
    deadlineAt: nextDeadline(next),
    outcome: { kind: 'RETRIED', steps: retried },
  };
}
