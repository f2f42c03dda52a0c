import { defineSaga } from './define-saga.ts';
import { SagaDefinitionError } from './errors.ts';
import type { SagaDefinition } from './saga-definition.ts';
import type { StepPolicy } from './step-policy.ts';

/**
 * Policies to use instead of a definition's own, by step name: its command's, its compensation's, or
 * both; or by a final command's topic (one with `acknowledgedBy`): its `command` policy.
 */
export type PolicyOverrides = Readonly<
  Record<string, { readonly command?: StepPolicy; readonly compensation?: StepPolicy }>
>;

/**
 * The same saga with other deadlines and re-sends: what a runner uses to tune a definition's timing by
 * configuration, or a test to shorten it, without editing the definition. A step not named keeps its
 * policy; a compensation policy is only taken by a step that has a compensation.
 *
 * @throws {SagaDefinitionError} UNKNOWN_STEP when an override names no step (or no compensation) of
 * the saga, INVALID_POLICY when a policy is out of range
 */
export function withPolicies<M extends object, D, R>(
  definition: SagaDefinition<M, D, R>,
  overrides: PolicyOverrides,
): SagaDefinition<M, D, R> {
  const acknowledged = [...definition.onCompleted, ...definition.onCancelled]
    .filter((command) => command.acknowledgedBy !== undefined)
    .map((command) => command.topic);
  const names = new Set([...definition.steps.map((step) => step.name), ...acknowledged]);
  for (const name of Object.keys(overrides))
    if (!names.has(name))
      throw new SagaDefinitionError(
        'UNKNOWN_STEP',
        definition.name,
        `a policy override names step "${name}", but its steps are ${[...names].join(', ')}`,
      );
  const finalPolicy = <C extends { readonly topic: string; readonly acknowledgedBy?: string }>(
    command: C,
  ) => {
    const override = command.acknowledgedBy === undefined ? undefined : overrides[command.topic];
    if (override?.compensation)
      throw new SagaDefinitionError(
        'UNKNOWN_STEP',
        definition.name,
        `a policy override names the compensation of final command "${command.topic}", which has none`,
      );
    return override?.command ? { ...command, policy: override.command } : command;
  };
  const steps = definition.steps.map((step) => {
    const override = overrides[step.name];
    if (!override) return step;
    if (override.compensation && !step.compensation)
      throw new SagaDefinitionError(
        'UNKNOWN_STEP',
        definition.name,
        `a policy override names the compensation of step "${step.name}", which has none`,
      );
    return {
      ...step,
      ...(override.command ? { policy: override.command } : {}),
      ...(override.compensation && step.compensation
        ? { compensation: { ...step.compensation, policy: override.compensation } }
        : {}),
    };
  });
  return defineSaga({
    ...definition,
    steps,
    onCompleted: definition.onCompleted.map(finalPolicy),
    onCancelled: definition.onCancelled.map(finalPolicy),
  });
}
