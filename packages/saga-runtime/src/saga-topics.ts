import type { TopicOf } from '@saga/saga-engine';
import type { SagaBinding } from './saga-binding.ts';

/**
 * The topics a bound saga talks on, for the service definition: it publishes every command of the
 * definition (steps, compensations, and what it sends on completion and cancellation), and consumes
 * its starting topic and every reply topic. Each topic once, in the order the definition names it.
 */
export function sagaTopics<M extends object, D, R, S extends TopicOf<M>>(
  binding: SagaBinding<M, D, R, S>,
): { publishes: TopicOf<M>[]; consumes: TopicOf<M>[] } {
  const { definition } = binding;
  const commands = [
    ...definition.steps.flatMap((step) => [
      step.command.topic,
      ...(step.compensation ? [step.compensation.command.topic] : []),
    ]),
    ...definition.onCompleted.map((command) => command.topic),
    ...definition.onCancelled.map((command) => command.topic),
  ];
  return {
    publishes: [...new Set(commands)],
    consumes: [...new Set([binding.start.topic, ...definition.replyTopics])],
  };
}
