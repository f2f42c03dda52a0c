import { SagaStateError } from './errors.ts';
import { replyRoutes, type ReplyRoute } from './reply-routes.ts';
import type { SagaDefinition, SagaStep, StepFailure } from './saga-definition.ts';
import type { IgnoredReply } from './saga-outcome.ts';
import { isEnded, SAGA_STATE_VERSION, type SagaState } from './saga-state.ts';
import type { SagaTransition, TransitionOptions } from './saga-transition.ts';
import type { SagaReply } from './topic-map.ts';
import { commandOf, walkBackward, walkForward } from './walk.ts';

/**
 * Handles one reply: routes it by topic to the step and role the definition gives it, and applies it
 * only if that step awaits it now. Otherwise (a duplicate, a late or contradicting reply, a reply to
 * an ended saga) it returns the very same state and no actions, so redelivery is harmless.
 *
 * - a success of the ACTIVE step updates the data, and the walk goes on forward;
 * - a failure of the ACTIVE step marks it FAILED (it did nothing, so it is not compensated) and the
 *   walk turns backward over the steps before it;
 * - a confirmation of a COMPENSATING step marks it COMPENSATED and the backward walk goes on;
 * - a success of a FAILED step whose compensation has `compensateLateSuccess` sends that compensation.
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
  const route = replyRoutes(definition.steps).find((candidate) => candidate.topic === reply.topic);
  if (!route)
    return ignored(state, 'UNKNOWN_TOPIC', `"${reply.topic}" is no reply of saga "${definition.name}"`);
  const step = definition.steps[route.step];
  if (!step) throw new SagaStateError('INCONSISTENT_STATE', definition.name, `no step ${route.step}`);
  const message: unknown = reply.message;
  const status = state.steps[route.step]?.status;
  const awaited = state.status === 'RUNNING' && state.currentStep === route.step && status === 'ACTIVE';
  const steps = [...state.steps];
  const { now } = options;

  if (route.role === 'SUCCESS' && awaited) {
    const data = handlerOf(definition, step.onSuccess, route)(state.data, message) as D;
    steps[route.step] = { name: step.name, status: 'SUCCEEDED' };
    return applied(walkForward(definition, route.step + 1, data, steps, now), step, 'SUCCESS');
  }

  if (route.role === 'FAILURE' && awaited) {
    const failure = handlerOf(definition, step.onFailure, route)(state.data, message) as StepFailure<D, R>;
    steps[route.step] = { name: step.name, status: 'FAILED' };
    const data = failure.data ?? state.data;
    return applied(
      walkBackward(definition, route.step - 1, data, steps, failure.reason, now),
      step,
      'FAILURE',
    );
  }

  if (route.role === 'CONFIRMATION' && status === 'COMPENSATING') {
    const data = handlerOf(definition, step.compensation?.onConfirmed, route)(state.data, message) as D;
    steps[route.step] = { name: step.name, status: 'COMPENSATED' };
    // A late compensation may be confirmed while the walk is elsewhere, or after it ended.
    const decision =
      state.status === 'COMPENSATING' && state.currentStep === route.step
        ? walkBackward(definition, route.step - 1, data, steps, reasonOf(definition, state), now)
        : { state: { ...state, data, steps }, actions: [] };
    return applied(decision, step, 'COMPENSATED');
  }

  if (route.role === 'SUCCESS' && status === 'FAILED' && step.compensation?.compensateLateSuccess) {
    const data = handlerOf(definition, step.onSuccess, route)(state.data, message) as D;
    const reason = reasonOf(definition, state);
    const action = commandOf(step.compensation.command, data, { now, reason });
    if (action) {
      steps[route.step] = { name: step.name, status: 'COMPENSATING' };
      return applied({ state: { ...state, data, steps }, actions: [action] }, step, 'LATE_SUCCESS');
    }
  }

  const detail = `"${reply.topic}" is a ${route.role.toLowerCase()} reply of step "${step.name}", which is ${status ?? 'unknown'} while the saga is ${state.status}`;
  return ignored(state, isEnded(state.status) ? 'SAGA_ENDED' : 'UNEXPECTED_REPLY', detail);
}

function applied<M extends object, D, R>(
  decision: Omit<SagaTransition<M, D, R>, 'outcome'>,
  step: SagaStep<M, D, R>,
  reply: 'SUCCESS' | 'FAILURE' | 'COMPENSATED' | 'LATE_SUCCESS',
): SagaTransition<M, D, R> {
  return { ...decision, outcome: { kind: 'APPLIED', step: step.name, reply } };
}

function ignored<M extends object, D, R>(
  state: SagaState<D, R>,
  reason: IgnoredReply['reason'],
  detail: string,
): SagaTransition<M, D, R> {
  return { state, actions: [], outcome: { kind: 'IGNORED', reason, detail } };
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

function reasonOf<D, R>(definition: { readonly name: string }, state: SagaState<D, R>): R {
  if (state.failureReason === null)
    throw new SagaStateError(
      'INCONSISTENT_STATE',
      definition.name,
      'it compensates without a failure reason',
    );
  return state.failureReason;
}

function checkFits<M extends object, D, R>(
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
  const stateSteps = JSON.stringify(state.steps.map((step) => step.name));
  const definitionSteps = JSON.stringify(definition.steps.map((step) => step.name));
  if (stateSteps !== definitionSteps)
    throw new SagaStateError(
      'STEPS_CHANGED',
      definition.name,
      `it has the steps ${stateSteps}, the definition ${definitionSteps}`,
    );
}
