import { detach, reattach, resumeStatusOf, type SagaAttention } from './saga-attention.ts';
import { SagaStateError } from './errors.ts';
import {
  acknowledgementRoutes,
  replyRoutes,
  type AcknowledgementRoute,
  type ReplyRoute,
} from './reply-routes.ts';
import type { SagaDefinition, StepFailure } from './saga-definition.ts';
import type { AppliedReply, IgnoredReply } from './saga-outcome.ts';
import {
  isWalkOver,
  nextDeadline,
  SAGA_STATE_VERSION,
  type SagaState,
  type StepState,
} from './saga-state.ts';
import type { SagaDecision, SagaTransition, TransitionOptions } from './saga-transition.ts';
import type { SagaReply } from './topic-map.ts';
import { clockOf, commandOf, decisionOf, sentStep, settledStep, walkBackward, walkForward } from './walk.ts';

/**
 * Handles one reply: routes it by topic to the step and role the definition gives it, and applies it
 * only if that step awaits it now. Otherwise (a duplicate, a late or contradicting reply, a reply to
 * an ended saga) it returns the very same state and no actions, so redelivery is harmless.
 *
 * - a success of the ACTIVE step updates the data, and the walk goes on forward;
 * - a failure of the ACTIVE step marks it FAILED (it did nothing, so it is not compensated) and the
 *   walk turns backward over the steps before it;
 * - a confirmation of a COMPENSATING step marks it COMPENSATED and the backward walk goes on;
 * - a compensation failure of a COMPENSATING step stops the saga: NEEDS_ATTENTION;
 * - a success of a FAILED, TIMED_OUT or ABANDONED step whose compensation has `compensateLateSuccess` sends that
 *   compensation.
 *
 * - an acknowledgement of a final command the saga awaits (COMPLETING, CANCELLING) settles it, and
 *   with the last one the saga has ended (COMPLETED, CANCELLED).
 *
 * A saga that NEEDS_ATTENTION still applies replies: one that settles the step needing attention (it
 * came after all) resolves the attention and the saga goes on where it stopped; so does an
 * acknowledgement for a final command that needed it.
 *
 * @throws {SagaStateError} when the state is not one of this definition's
 */
export function handle<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  state: SagaState<D, R>,
  reply: SagaReply<M>,
  options: TransitionOptions,
): SagaTransition<M, D, R> {
  checkFits(definition, state);
  const clock = clockOf(options);
  const acknowledgement = acknowledgementRoutes(definition).find((route) => route.topic === reply.topic);
  if (acknowledgement) return acknowledged(state, acknowledgement);
  const route = replyRoutes(definition.steps).find((candidate) => candidate.topic === reply.topic);
  if (!route)
    return ignored(state, 'UNKNOWN_TOPIC', `"${reply.topic}" is no reply of saga "${definition.name}"`);
  const step = definition.steps[route.step];
  if (!step) throw new SagaStateError('INCONSISTENT_STATE', definition.name, `no step ${route.step}`);
  const message: unknown = reply.message;
  const walk = detach(state);
  const status = walk.steps[route.step]?.status;
  const awaited = walk.status === 'RUNNING' && walk.currentStep === route.step && status === 'ACTIVE';
  const steps = [...walk.steps];
  const settled = (decision: SagaDecision<M, D, R>, kind: AppliedReply['reply']) =>
    applied(reattach(decision.state, state.attention, route.step), decision.actions, step.name, kind);

  if (route.role === 'SUCCESS' && awaited) {
    const data = handlerOf(definition, step.onSuccess, route)(walk.data, message) as D;
    steps[route.step] = settledStep(step.name, 'SUCCEEDED');
    return settled(walkForward(definition, route.step + 1, data, steps, clock), 'SUCCESS');
  }

  if (route.role === 'FAILURE' && awaited) {
    const failure = handlerOf(definition, step.onFailure, route)(walk.data, message) as StepFailure<D, R>;
    steps[route.step] = settledStep(step.name, 'FAILED');
    const data = failure.data ?? walk.data;
    return settled(walkBackward(definition, route.step - 1, data, steps, failure.reason, clock), 'FAILURE');
  }

  if (route.role === 'CONFIRMATION' && status === 'COMPENSATING') {
    const data = handlerOf(definition, step.compensation?.onConfirmed, route)(walk.data, message) as D;
    steps[route.step] = settledStep(step.name, 'COMPENSATED');
    // A late compensation may be confirmed while the walk is elsewhere, or after it ended.
    const decision =
      walk.status === 'COMPENSATING' && walk.currentStep === route.step
        ? walkBackward(definition, route.step - 1, data, steps, reasonOf(definition, walk), clock)
        : decisionOf<M, D, R>({ ...walk, data, steps }, []);
    return settled(decision, 'COMPENSATED');
  }

  if (route.role === 'COMPENSATION_FAILURE' && status === 'COMPENSATING') {
    if (state.attention?.step === route.step && state.attention.reason === 'COMPENSATION_FAILED')
      return ignored(state, 'DUPLICATE', `step "${step.name}" is known to need attention already`);
    const detail = handlerOf(definition, step.compensation?.onFailure, route)(walk.data, message) as string;
    steps[route.step] = stopped(steps, route.step);
    const attention: SagaAttention = {
      step: route.step,
      reason: 'COMPENSATION_FAILED',
      detail,
      resumeStatus: resumeStatusOf(walk),
    };
    const decided: SagaState<D, R> = { ...walk, status: 'NEEDS_ATTENTION', attention, steps };
    return applied(reattach(decided, state.attention, null), [], step.name, 'COMPENSATION_FAILED');
  }

  const lateSuccess =
    route.role === 'SUCCESS' && (status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABANDONED');
  if (lateSuccess && step.compensation?.compensateLateSuccess) {
    const data = handlerOf(definition, step.onSuccess, route)(walk.data, message) as D;
    const reason = reasonOf(definition, walk);
    const action = commandOf(step.compensation.command, data, { now: clock.now, reason });
    if (action) {
      steps[route.step] = sentStep(step.name, 'COMPENSATING', step.compensation.policy, 1, clock);
      const decided: SagaState<D, R> = { ...walk, data, steps };
      return applied(reattach(decided, state.attention, null), [action], step.name, 'LATE_SUCCESS');
    }
  }

  const detail = `"${reply.topic}" is a ${describeRole(route)} of step "${step.name}", which is ${status ?? 'unknown'} while the saga is ${state.status}`;
  return ignored(state, whyIgnored(route, status, isWalkOver(walk.status)), detail);
}

/**
 * An acknowledgement of a final command: settles it while the saga awaits it, and ends the saga with
 * the last one. Otherwise it repeats one applied before (the saga has ended as the command said), or
 * contradicts the saga (it acknowledges the other outcome, or a command not sent yet).
 */
function acknowledged<M extends object, D, R>(
  state: SagaState<D, R>,
  route: AcknowledgementRoute,
): SagaTransition<M, D, R> {
  const walk = detach(state);
  const closing = route.outcome === 'COMPLETED' ? 'COMPLETING' : 'CANCELLING';
  if (walk.status === closing && walk.finalCommands.some((command) => command.topic === route.command)) {
    const finalCommands = walk.finalCommands.filter((command) => command.topic !== route.command);
    const status = finalCommands.length === 0 ? route.outcome : closing;
    const decided: SagaState<D, R> = { ...walk, status, finalCommands };
    return applied(reattach(decided, state.attention, 'FINAL'), [], route.command, 'ACKNOWLEDGED');
  }
  const repeats = walk.status === route.outcome || walk.status === closing;
  return ignored(
    state,
    repeats ? 'DUPLICATE' : 'UNEXPECTED',
    `"${route.topic}" acknowledges "${route.command}", which the saga does not await while ${state.status}`,
  );
}

/** Why a reply that settles nothing is ignored: it repeats the step's state, comes too late, or contradicts it. */
function whyIgnored(
  route: ReplyRoute,
  status: StepState['status'] | undefined,
  ended: boolean,
): IgnoredReply['reason'] {
  const repeats =
    (route.role === 'SUCCESS' &&
      (status === 'SUCCEEDED' || status === 'COMPENSATING' || status === 'COMPENSATED')) ||
    (route.role === 'FAILURE' && status === 'FAILED') ||
    (route.role === 'CONFIRMATION' && status === 'COMPENSATED');
  if (repeats) return 'DUPLICATE';
  if (status === 'TIMED_OUT' || status === 'ABANDONED' || ended) return 'LATE';
  return 'UNEXPECTED';
}

function describeRole(route: ReplyRoute): string {
  return {
    SUCCESS: 'success reply',
    FAILURE: 'failure reply',
    CONFIRMATION: 'compensation confirmation',
    COMPENSATION_FAILURE: 'compensation failure',
  }[route.role];
}

/** The step as it stopped: still awaiting the same command, but no deadline will re-send it. */
export function stopped(steps: readonly StepState[], index: number): StepState {
  const step = steps[index];
  if (!step) throw new RangeError(`no step ${index}`);
  return { ...step, deadlineAt: null };
}

function applied<M extends object, D, R>(
  state: SagaState<D, R>,
  actions: SagaDecision<M, D, R>['actions'],
  step: string,
  reply: AppliedReply['reply'],
): SagaTransition<M, D, R> {
  return {
    state,
    actions,
    deadlineAt: nextDeadline(state),
    outcome: { kind: 'APPLIED', step, reply },
  };
}

function ignored<M extends object, D, R>(
  state: SagaState<D, R>,
  reason: IgnoredReply['reason'],
  detail: string,
): SagaTransition<M, D, R> {
  return {
    state,
    actions: [],
    deadlineAt: nextDeadline(state),
    outcome: { kind: 'IGNORED', reason, detail },
  };
}

/**
 * The handler a route points at. Typed loosely, as the route was found in this very map and the
 * definition's types tie each topic's handler to that topic's message type.
 */
function handlerOf(
  definition: { readonly name: string },
  handlers: object | undefined,
  route: ReplyRoute,
): (data: unknown, message: unknown) => unknown {
  const handler: unknown = (handlers as Record<string, unknown> | undefined)?.[route.topic];
  if (typeof handler !== 'function')
    throw new SagaStateError('INCONSISTENT_STATE', definition.name, `no handler for "${route.topic}"`);
  return handler as (data: unknown, message: unknown) => unknown;
}

/** Why the saga compensates: what a compensation command is built with. */
export function reasonOf<D, R>(definition: { readonly name: string }, state: SagaState<D, R>): R {
  if (state.failureReason === null)
    throw new SagaStateError(
      'INCONSISTENT_STATE',
      definition.name,
      'it compensates without a failure reason',
    );
  return state.failureReason;
}

/** @throws {SagaStateError} when the state is not one of this definition's */
export function checkFits<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  state: SagaState<D, R>,
): void {
  if ((state.stateVersion as number) !== SAGA_STATE_VERSION)
    throw new SagaStateError(
      'UNSUPPORTED_STATE_VERSION',
      definition.name,
      `its shape version is ${String(state.stateVersion)}; this engine reads version ${SAGA_STATE_VERSION}`,
    );
  if (state.saga !== definition.name)
    throw new SagaStateError('STATE_OF_ANOTHER_SAGA', definition.name, `it belongs to saga "${state.saga}"`);
  if (!Array.isArray(state.finalCommands))
    throw new SagaStateError('INCONSISTENT_STATE', definition.name, 'it has no list of final commands');
  const stateSteps = JSON.stringify(state.steps.map((step) => step.name));
  const definitionSteps = JSON.stringify(definition.steps.map((step) => step.name));
  if (stateSteps !== definitionSteps)
    throw new SagaStateError(
      'STEPS_CHANGED',
      definition.name,
      `it has the steps ${stateSteps}, the definition ${definitionSteps}`,
    );
}
