import type { FinalCommand, SagaCommand, SagaDefinition, StepContext } from './saga-definition.ts';
import {
  nextDeadline,
  SAGA_STATE_VERSION,
  type FinalCommandState,
  type SagaState,
  type StepState,
  type StepStatus,
} from './saga-state.ts';
import { replyWindowMs, type StepPolicy } from './step-policy.ts';
import type { SagaDecision, TransitionOptions } from './saga-transition.ts';
import type { SagaAction } from './topic-map.ts';

/** The time of a decision and its randomness, as every transition needs them. */
export interface Clock {
  readonly now: Date;
  readonly random: () => number;
}

/** No randomness given: every jittered wait is the middle of its range. */
export function clockOf(options: TransitionOptions): Clock {
  return { now: options.now, random: options.random ?? (() => 0.5) };
}

/**
 * A step whose command (or compensation) was just sent for the `attempt`th time: it awaits a reply
 * until the policy's window for that attempt has passed, or forever without a policy.
 */
export function sentStep(
  name: string,
  status: 'ACTIVE' | 'COMPENSATING',
  policy: StepPolicy | undefined,
  attempt: number,
  clock: Clock,
): StepState {
  const deadlineAt = policy ? clock.now.getTime() + replyWindowMs(policy, attempt, clock.random) : null;
  return { name, status, attempts: attempt, deadlineAt };
}

/** A final command just sent for the `attempt`th time: it awaits its acknowledgement until the policy's window passed. */
export function sentFinalCommand(
  command: { readonly topic: string; readonly policy?: StepPolicy | undefined },
  attempt: number,
  clock: Clock,
): FinalCommandState {
  const { policy } = command;
  const deadlineAt = policy ? clock.now.getTime() + replyWindowMs(policy, attempt, clock.random) : null;
  return { topic: command.topic, attempts: attempt, deadlineAt };
}

/** A step that awaits nothing (any more). */
export function settledStep(name: string, status: Exclude<StepStatus, 'ACTIVE'>): StepState {
  return { name, status, attempts: 0, deadlineAt: null };
}

/** A decision with its next deadline: the earliest of its steps'. */
export function decisionOf<M extends object, D, R>(
  state: SagaState<D, R>,
  actions: readonly SagaAction<M>[],
): SagaDecision<M, D, R> {
  return { state, actions, deadlineAt: nextDeadline(state) };
}

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
  clock: Clock,
): SagaDecision<M, D, R> {
  const { now } = clock;
  for (const [index, step] of definition.steps.entries()) {
    if (index < from) continue;
    const action = commandOf(step.command, data, { now });
    if (!action) {
      steps[index] = settledStep(step.name, 'SKIPPED');
      continue;
    }
    steps[index] = sentStep(step.name, 'ACTIVE', step.policy, 1, clock);
    const state = stateOf<D, R>(definition, {
      status: 'RUNNING',
      currentStep: index,
      failureReason: null,
      attention: null,
      data,
      steps,
      finalCommands: [],
    });
    return decisionOf(state, [action]);
  }
  const fields = { data, steps, failureReason: null };
  return endWalk<M, D, R, StepContext>(
    definition,
    'COMPLETED',
    definition.onCompleted,
    { now },
    fields,
    clock,
  );
}

/**
 * Walks backward from step `from`: stops at the first step that SUCCEEDED and has a compensation to
 * send; walks past steps that failed, timed out, were skipped or have nothing to undo. Past the first
 * step the saga is CANCELLED.
 */
export function walkBackward<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  from: number,
  data: D,
  steps: StepState[],
  reason: R,
  clock: Clock,
): SagaDecision<M, D, R> {
  const { now } = clock;
  for (let index = from; index >= 0; index--) {
    const step = definition.steps[index];
    if (steps[index]?.status !== 'SUCCEEDED' || !step?.compensation) continue;
    const action = commandOf(step.compensation.command, data, { now, reason });
    if (!action) continue;
    steps[index] = sentStep(step.name, 'COMPENSATING', step.compensation.policy, 1, clock);
    const state = stateOf(definition, {
      status: 'COMPENSATING',
      currentStep: index,
      failureReason: reason,
      attention: null,
      data,
      steps,
      finalCommands: [],
    });
    return decisionOf(state, [action]);
  }
  const fields = { data, steps, failureReason: reason };
  return endWalk(definition, 'CANCELLED', definition.onCancelled, { now, reason }, fields, clock);
}

/**
 * The walk is over: its final commands go out. Those the definition wants acknowledged are awaited
 * (COMPLETING, CANCELLING) by their policies' deadlines; with none to await, the saga has ended.
 */
function endWalk<M extends object, D, R, C>(
  definition: { readonly name: string },
  outcome: 'COMPLETED' | 'CANCELLED',
  commands: readonly FinalCommand<M, D, C>[],
  context: C,
  fields: Pick<SagaState<D, R>, 'data' | 'steps' | 'failureReason'>,
  clock: Clock,
): SagaDecision<M, D, R> {
  const sent = commands.filter((command) => !command.when || command.when(fields.data));
  const finalCommands = sent
    .filter((command) => command.acknowledgedBy !== undefined)
    .map((command) => sentFinalCommand(command, 1, clock));
  const closing = outcome === 'COMPLETED' ? 'COMPLETING' : 'CANCELLING';
  const state = stateOf<D, R>(definition, {
    ...fields,
    status: finalCommands.length > 0 ? closing : outcome,
    currentStep: null,
    attention: null,
    finalCommands,
  });
  return decisionOf(state, commandsOf(sent, fields.data, context));
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

/**
 * The final command named `topic` of the end a saga's walk reached (COMPLETING: its completion's,
 * CANCELLING: its cancellation's), with the action that sends it (again) at `now`; null when that end
 * sends no such command.
 */
export function finalCommandOf<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  walk: SagaState<D, R>,
  topic: string,
  now: Date,
): { readonly command: FinalCommand<M, D, never>; readonly action: SagaAction<M> } | null {
  if (walk.status === 'COMPLETING') {
    const command = definition.onCompleted.find((candidate) => candidate.topic === topic);
    return command ? { command, action: commandValue(command, walk.data, { now }) } : null;
  }
  if (walk.status === 'CANCELLING' && walk.failureReason !== null) {
    const command = definition.onCancelled.find((candidate) => candidate.topic === topic);
    const context = { now, reason: walk.failureReason };
    return command ? { command, action: commandValue(command, walk.data, context) } : null;
  }
  return null;
}

/** The action of a command, whatever its `when` says: a final command awaited was sent, so it is sent again. */
function commandValue<M extends object, D, C>(
  command: SagaCommand<M, D, C>,
  data: D,
  context: C,
): SagaAction<M> {
  return { topic: command.topic, value: command.value(data, context) };
}
