import type { TopicOf } from '@saga/saga-engine';
import { stepTopicsOf, type SagaBinding, type StepTopics } from '@saga/saga-runtime';
import type { ListedDefinition } from './saga-list-params.ts';

/** What the saga routes need to know of a saga: the list's definition, its key's name, its steps' topics (the view's timelines). */
export type SagaRouteDefinition = ListedDefinition & {
  readonly keyName: string;
  readonly stepTopics: readonly StepTopics[];
};

/** What the saga routes need to know of a binding: its definition's name and steps, its key's name, its searchable fields. */
export function listedDefinitionOf<M extends object, D, R, S extends TopicOf<M>>(
  binding: SagaBinding<M, D, R, S>,
): SagaRouteDefinition {
  return {
    name: binding.definition.name,
    keyName: binding.key.name,
    steps: binding.definition.steps.map((step) => step.name),
    searchable: binding.searchable ?? [],
    stepTopics: stepTopicsOf(binding.definition),
  };
}
