import { detach, reattach, resumeStatusOf, type SagaAttention } from './saga-attention.ts';
import { SagaStateError } from './errors.ts';
import { checkFits, reasonOf, stopped } from './handle.ts';
import type { SagaDefinition } from './saga-definition.ts';
import type { TimedOut } from './saga-outcome.ts';
import { nextDeadline, type FinalCommandState, type SagaState } from './saga-state.ts';
import type { SagaTransition, TransitionOptions } from './saga-transition.ts';
import {
  clockOf,
  commandOf,
  finalCommandOf,
  sentFinalCommand,
  sentStep,
  settledStep,
  walkBackward,
  type Clock,
} from './walk.ts';

/**
 * Handles a deadline: the step whose deadline passed first (at or before `now`) was not answered in
 * time. While its policy allows, the same command (or compensation) is sent again, with a longer
 * deadline. Once its attempts are spent:
 *
 * - a step with `onTimeout` is TIMED_OUT and the saga compensates what came before it, as for a failure;
 * - a step without it (one that must not be undone) stops, and the saga NEEDS_ATTENTION;
 * - a compensation stops, and the saga NEEDS_ATTENTION: an undo that did not happen cannot be skipped;
 * - a final command stops, and the saga NEEDS_ATTENTION (FINAL_COMMAND_TIMED_OUT): its outcome is
 *   decided, but may not have reached the command's receiver.
 *
 * A runner calls it when the decision's `deadlineAt` has passed; called early (or again), it returns
 * the very same state with outcome NOT_DUE. One step per call: the returned `deadlineAt` says when the
 * next one is due, which may be at once.
 *
 * @throws {SagaStateError} when the state is not one of this definition's
 */
export function handleTimeout<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  state: SagaState<D, R>,
  options: TransitionOptions,
): SagaTransition<M, D, R> {
  checkFits(definition, state);
  const clock = clockOf(options);
  const now = clock.now.getTime();
  let index = -1;
  for (const [candidate, step] of state.steps.entries())
    if (
      step.deadlineAt !== null &&
      step.deadlineAt <= now &&
      (index < 0 || step.deadlineAt < (state.steps[index]?.deadlineAt ?? Infinity))
    )
      index = candidate;
  const finalCommand = earliestFinalCommandDue(state, now);
  const stepDeadline = state.steps[index]?.deadlineAt ?? Infinity;
  if (finalCommand && (finalCommand.deadlineAt ?? Infinity) < stepDeadline)
    return finalCommandTimedOut(definition, state, finalCommand, clock);
  const stepState = state.steps[index];
  const step = definition.steps[index];
  if (!stepState || !step)
    return { state, actions: [], deadlineAt: nextDeadline(state), outcome: { kind: 'NOT_DUE' } };

  const walk = detach(state);
  const steps = [...walk.steps];
  const { attempts } = stepState;
  const timedOut = (action: TimedOut['action'], phase: TimedOut['phase']): TimedOut => ({
    kind: 'TIMED_OUT',
    step: step.name,
    phase,
    attempts,
    action,
  });
  const transition = (
    decided: SagaState<D, R>,
    actions: SagaTransition<M, D, R>['actions'],
    outcome: TimedOut,
  ) => {
    const next = reattach(decided, state.attention, null);
    return { state: next, actions, deadlineAt: nextDeadline(next), outcome };
  };
  const needsAttention = (reason: SagaAttention['reason'], detail: string, phase: TimedOut['phase']) => {
    steps[index] = stopped(steps, index);
    const attention: SagaAttention = { step: index, reason, detail, resumeStatus: resumeStatusOf(walk) };
    return transition(
      { ...walk, status: 'NEEDS_ATTENTION', attention, steps },
      [],
      timedOut('NEEDS_ATTENTION', phase),
    );
  };

  if (stepState.status === 'ACTIVE') {
    const policy = step.policy;
    if (policy && attempts < policy.maxAttempts) {
      const action = commandOf(step.command, walk.data, { now: clock.now });
      if (!action)
        throw inconsistent(definition, `step "${step.name}" is ACTIVE, but its command is not to be sent`);
      steps[index] = sentStep(step.name, 'ACTIVE', policy, attempts + 1, clock);
      return transition({ ...walk, steps }, [action], timedOut('RESENT', 'COMMAND'));
    }
    if (!step.onTimeout)
      return needsAttention(
        'STEP_TIMED_OUT',
        `no reply to "${step.command.topic}" after ${attempts} attempts, and step "${step.name}" must not be undone`,
        'COMMAND',
      );
    const failure = step.onTimeout(walk.data, { attempts });
    steps[index] = settledStep(step.name, 'TIMED_OUT');
    const decision = walkBackward(
      definition,
      index - 1,
      failure.data ?? walk.data,
      steps,
      failure.reason,
      clock,
    );
    return transition(decision.state, decision.actions, timedOut('GAVE_UP', 'COMMAND'));
  }

  if (stepState.status === 'COMPENSATING' && step.compensation) {
    const { compensation } = step;
    if (compensation.policy && attempts < compensation.policy.maxAttempts) {
      const reason = reasonOf(definition, walk);
      const action = commandOf(compensation.command, walk.data, { now: clock.now, reason });
      if (!action)
        throw inconsistent(
          definition,
          `step "${step.name}" is COMPENSATING, but its compensation is not to be sent`,
        );
      steps[index] = sentStep(step.name, 'COMPENSATING', compensation.policy, attempts + 1, clock);
      return transition({ ...walk, steps }, [action], timedOut('RESENT', 'COMPENSATION'));
    }
    return needsAttention(
      'COMPENSATION_TIMED_OUT',
      `no reply to "${compensation.command.topic}" after ${attempts} attempts: step "${step.name}" may not be undone`,
      'COMPENSATION',
    );
  }

  throw inconsistent(definition, `step "${step.name}" has a deadline while ${stepState.status}`);
}

/** The final command whose deadline passed first, if any. */
function earliestFinalCommandDue(state: SagaState<unknown, unknown>, now: number): FinalCommandState | null {
  let due: FinalCommandState | null = null;
  for (const command of state.finalCommands)
    if (
      command.deadlineAt !== null &&
      command.deadlineAt <= now &&
      (due === null || command.deadlineAt < (due.deadlineAt ?? Infinity))
    )
      due = command;
  return due;
}

/**
 * A final command went unacknowledged: sent again while its policy allows, then stopped, and the saga
 * NEEDS_ATTENTION, where a retry (or the acknowledgement, late) picks it up.
 */
function finalCommandTimedOut<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  state: SagaState<D, R>,
  awaited: FinalCommandState,
  clock: Clock,
): SagaTransition<M, D, R> {
  const walk = detach(state);
  const { attempts, topic } = awaited;
  const found = finalCommandOf(definition, walk, topic, clock.now);
  if (!found)
    throw inconsistent(
      definition,
      `it awaits final command "${topic}", which its ${walk.status} end does not send`,
    );
  const { command, action } = found;
  const others = walk.finalCommands.filter((candidate) => candidate.topic !== topic);
  const outcome = (timedOutAction: TimedOut['action']): TimedOut => ({
    kind: 'TIMED_OUT',
    step: topic,
    phase: 'FINAL_COMMAND',
    attempts,
    action: timedOutAction,
  });
  if (command.policy && attempts < command.policy.maxAttempts) {
    const resent = sentFinalCommand(command, attempts + 1, clock);
    const next = reattach({ ...walk, finalCommands: [...others, resent] }, state.attention, null);
    return { state: next, actions: [action], deadlineAt: nextDeadline(next), outcome: outcome('RESENT') };
  }
  const attention: SagaAttention = {
    step: null,
    reason: 'FINAL_COMMAND_TIMED_OUT',
    detail: `no acknowledgement ("${command.acknowledgedBy ?? '?'}") of final command "${topic}" after ${attempts} attempts: the saga is ${walk.status === 'COMPLETING' ? 'complete' : 'cancelled'}, but its receiver may not know`,
    resumeStatus: resumeStatusOf(walk),
  };
  const stopped = { ...awaited, deadlineAt: null };
  const decided: SagaState<D, R> = {
    ...walk,
    status: 'NEEDS_ATTENTION',
    attention,
    finalCommands: [...others, stopped],
  };
  const next = reattach(decided, state.attention, null);
  return { state: next, actions: [], deadlineAt: nextDeadline(next), outcome: outcome('NEEDS_ATTENTION') };
}

function inconsistent(definition: { readonly name: string }, problem: string): SagaStateError {
  return new SagaStateError('INCONSISTENT_STATE', definition.name, problem);
}
