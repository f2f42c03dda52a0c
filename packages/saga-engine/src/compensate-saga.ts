import { detach } from './saga-attention.ts';
import { SagaNotCompensableError, SagaStateError } from './errors.ts';
import { checkFits } from './handle.ts';
import type { SagaDefinition } from './saga-definition.ts';
import { nextDeadline, type SagaState } from './saga-state.ts';
import type { SagaTransition, TransitionOptions } from './saga-transition.ts';
import { clockOf, settledStep, walkBackward } from './walk.ts';

/**
 * A person asks a stuck saga to compensate: the saga stops waiting for the reply of the step it is at
 * (ABANDONED), and walks back over the steps that succeeded, newest first, sending their
 * compensations, exactly as a failure of that step would; the definition's `onCompensationRequested`
 * says what failure that is. A late success of the abandoned step is undone when its compensation
 * says so (`compensateLateSuccess`), as for a step that timed out.
 *
 * Only a saga walking forward may be asked: RUNNING, or NEEDS_ATTENTION while running (a step
 * unanswered, a reply it could not apply); the attention is resolved. Refused
 * (`SagaNotCompensableError`) when the definition has no `onCompensationRequested`, when the saga is
 * compensating already (COMPENSATING, or stopped while it was), when its outcome is decided
 * (COMPLETING, CANCELLING: the walk is over) or it has ended, and when the step it awaits has no
 * `onTimeout`: the definition says that step must not be given up on (it comes after a point of no
 * return, such as a payment taken), so a person must not give up on it either; retry it instead.
 *
 * @throws {SagaNotCompensableError} as above
 * @throws {SagaStateError} when the state is not one of this definition's
 */
export function compensateSaga<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  state: SagaState<D, R>,
  request: { readonly reason: string },
  options: TransitionOptions,
): SagaTransition<M, D, R> {
  checkFits(definition, state);
  const refuse = (reason: SagaNotCompensableError['reason'], detail: string) =>
    new SagaNotCompensableError(definition.name, state.status, reason, detail);
  const { onCompensationRequested } = definition;
  if (!onCompensationRequested)
    throw refuse('NO_COMPENSATION_POLICY', 'its definition does not let a person ask it to compensate');
  const walk = detach(state);
  switch (walk.status) {
    case 'COMPLETED':
    case 'CANCELLED':
      throw refuse('ENDED', `it has ended (${walk.status})`);
    case 'COMPENSATING':
      throw refuse('ALREADY_COMPENSATING', 'it is compensating already');
    case 'COMPLETING':
    case 'CANCELLING':
      throw refuse(
        'OUTCOME_DECIDED',
        `its outcome is decided (${walk.status}); it awaits the acknowledgement`,
      );
    case 'RUNNING':
    case 'NEEDS_ATTENTION':
      break;
  }
  const index = walk.currentStep ?? -1;
  const step = definition.steps[index];
  if (walk.status !== 'RUNNING' || walk.steps[index]?.status !== 'ACTIVE' || !step)
    throw new SagaStateError('INCONSISTENT_STATE', definition.name, 'it is RUNNING, but awaits no step');
  if (!step.onTimeout)
    throw refuse(
      'POINT_OF_NO_RETURN',
      `step "${step.name}" must not be given up on (it has no onTimeout: it comes after a point of no return); retry it instead`,
    );
  const failure = onCompensationRequested(walk.data, { step: step.name, reason: request.reason });
  const steps = [...walk.steps];
  steps[index] = settledStep(step.name, 'ABANDONED');
  const decision = walkBackward(
    definition,
    index - 1,
    failure.data ?? walk.data,
    steps,
    failure.reason,
    clockOf(options),
  );
  // The walk is decided afresh, so whatever attention the saga needed is resolved with it.
  const next: SagaState<D, R> = decision.state;
  return {
    state: next,
    actions: decision.actions,
    deadlineAt: nextDeadline(next),
    outcome: { kind: 'COMPENSATION_REQUESTED', step: step.name, reason: request.reason },
  };
}
