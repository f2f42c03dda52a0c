import type { SagaDefinition } from './saga-definition.ts';
import type { SagaDecision, TransitionOptions } from './saga-transition.ts';
import { clockOf, settledStep, walkForward } from './walk.ts';

/**
 * Starts a saga: every step PENDING, then a forward walk to the first step with a command to send.
 * Pure: the returned actions are for the runner to publish, by the returned deadline awaited.
 */
export function start<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  data: D,
  options: TransitionOptions,
): SagaDecision<M, D, R> {
  const steps = definition.steps.map((step) => settledStep(step.name, 'PENDING'));
  return walkForward(definition, 0, data, steps, clockOf(options));
}
