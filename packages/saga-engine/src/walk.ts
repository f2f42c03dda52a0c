import type { SagaCommand, SagaDefinition } from './saga-definition.ts';
import { SAGA_STATE_VERSION, type SagaState, type StepState } from './saga-state.ts';
import type { SagaDecision } from './saga-transition.ts';
import type { SagaAction } from './topic-map.ts';

/**
 * Walks forward from step `from`: skips the steps whose command's `when` says no, and stops at the
 * first step with a command to send. Past the last step the saga is COMPLETED.
 *
 * `steps` is a copy the walk may change; the caller's state is never touched.
 */
export function walkForward<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  from: number,
  data: D,
  steps: StepState[],
  now: Date,
): SagaDecision<M, D, R> {
  for (const [index, step] of definition.steps.entries()) {
    if (index < from) continue;
    const action = commandOf(step.command, data, { now });
    if (!action) {
      steps[index] = { name: step.name, status: 'SKIPPED' };
      continue;
    }
    steps[index] = { name: step.name, status: 'ACTIVE' };
    return {
      state: stateOf<D, R>(definition, {
        status: 'RUNNING',
        currentStep: index,
        failureReason: null,
        data,
        steps,
      }),
      actions: [action],
    };
  }
  return {
    state: stateOf<D, R>(definition, {
      status: 'COMPLETED',
      currentStep: null,
      failureReason: null,
      data,
      steps,
    }),
    actions: commandsOf(definition.onCompleted, data, { now }),
  };
}

/**
 * Walks backward from step `from`: stops at the first step that SUCCEEDED and has a compensation to
 * send; walks past steps that failed, were skipped or have nothing to undo. Past the first step the
 * saga is CANCELLED.
 */
export function walkBackward<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  from: number,
  data: D,
  steps: StepState[],
  reason: R,
  now: Date,
): SagaDecision<M, D, R> {
  for (let index = from; index >= 0; index--) {
    const step = definition.steps[index];
    if (steps[index]?.status !== 'SUCCEEDED' || !step?.compensation) continue;
    const action = commandOf(step.compensation.command, data, { now, reason });
    if (!action) continue;
    steps[index] = { name: step.name, status: 'COMPENSATING' };
    return {
      state: stateOf(definition, {
        status: 'COMPENSATING',
        currentStep: index,
        failureReason: reason,
        data,
        steps,
      }),
      actions: [action],
    };
  }
  return {
    state: stateOf(definition, {
      status: 'CANCELLED',
      currentStep: null,
      failureReason: reason,
      data,
      steps,
    }),
    actions: commandsOf(definition.onCancelled, data, { now, reason }),
  };
}

/** A state of this definition, in the current shape version. */
export function stateOf<D, R>(
  definition: { readonly name: string },
  fields: Omit<SagaState<D, R>, 'stateVersion' | 'saga'>,
): SagaState<D, R> {
  return { stateVersion: SAGA_STATE_VERSION, saga: definition.name, ...fields };
}

/** The action a command asks for, or null when its `when` says not to send it. */
export function commandOf<M extends object, D, C>(
  command: SagaCommand<M, D, C>,
  data: D,
  context: C,
): SagaAction<M> | null {
  if (command.when && !command.when(data)) return null;
  return { topic: command.topic, value: command.value(data, context) };
}

function commandsOf<M extends object, D, C>(
  commands: readonly SagaCommand<M, D, C>[],
  data: D,
  context: C,
): SagaAction<M>[] {
  return commands.flatMap((command) => commandOf(command, data, context) ?? []);
}
