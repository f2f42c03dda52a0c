import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { withPolicies, type PolicyOverrides } from '@saga/saga-engine';
import { sagaTopics, type SagaBinding } from '@saga/saga-runtime';
import { orderSagaBinding } from './order-saga-binding.ts';
import { returnSagaBinding } from './return-saga-binding.ts';

/** A binding of any of the orchestrator's sagas, on the contracts' topics. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each binding has its own data and reasons
export type AnySagaBinding = SagaBinding<TopicMessageMap, any, any, TopicName>;

/**
 * The sagas the orchestrator runs, the order saga first (the saga routes' default). Another saga is
 * another binding here: the service gives each its own manager, consumes its starting topic and
 * replies, and lists and re-drives its sagas beside the others'.
 */
export const sagaBindings: readonly AnySagaBinding[] = [
  orderSagaBinding as AnySagaBinding,
  returnSagaBinding as AnySagaBinding,
];

/**
 * The bindings with other deadlines and re-sends than their definitions' own, by definition name and
 * step name (e.g. `{ return: { refundReturn: { command: { deadlineMs: 500, ... } } } }`).
 *
 * @throws when a name is no bound definition's, or withPolicies refuses a step or a policy
 */
export function withStepPolicies(
  bindings: readonly AnySagaBinding[],
  policies: Readonly<Record<string, PolicyOverrides>>,
): AnySagaBinding[] {
  for (const name of Object.keys(policies))
    if (!bindings.some((binding) => binding.definition.name === name))
      throw new TypeError(
        `step policies name the saga ${name}, which the orchestrator does not run (it runs ${bindings.map((b) => b.definition.name).join(', ')})`,
      );
  return bindings.map((binding) => {
    const overrides = policies[binding.definition.name];
    return overrides === undefined
      ? binding
      : { ...binding, definition: withPolicies(binding.definition, overrides) };
  });
}

/**
 * The topics the bound sagas talk on, each once: every command they send, every starting topic and
 * reply they consume. A consumed topic belongs to one saga, so that each message has one manager.
 *
 * @throws when two bindings consume the same topic
 */
export function bindingTopics(bindings: readonly AnySagaBinding[]): {
  publishes: TopicName[];
  consumes: TopicName[];
} {
  const publishes = new Set<TopicName>();
  const consumedBy = new Map<TopicName, string>();
  for (const binding of bindings) {
    const topics = sagaTopics(binding);
    for (const topic of topics.publishes) publishes.add(topic);
    for (const topic of topics.consumes) {
      const other = consumedBy.get(topic);
      if (other !== undefined)
        throw new TypeError(
          `the sagas ${other} and ${binding.definition.name} both consume ${topic}; a topic can start or answer one saga only`,
        );
      consumedBy.set(topic, binding.definition.name);
    }
  }
  return { publishes: [...publishes], consumes: [...consumedBy.keys()] };
}
