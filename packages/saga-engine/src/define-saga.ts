import { SagaDefinitionError } from './errors.ts';
import { acknowledgementRoutes, replyRoutes, topicsOf, type ReplyRoute } from './reply-routes.ts';
import type { SagaDefinition, SagaSpec } from './saga-definition.ts';
import { policyProblem } from './step-policy.ts';
import type { TopicOf } from './topic-map.ts';

/**
 * Validates a saga spec and returns it as a definition `start` and `handle` accept. Each reply topic
 * must mean one thing in one step, because the engine routes a reply by its topic alone: a topic
 * awaited by two steps would let a late reply of one settle the other.
 *
 * @throws {SagaDefinitionError} with the code of the first problem found
 */
export function defineSaga<M extends object, D, R>(spec: SagaSpec<M, D, R>): SagaDefinition<M, D, R> {
  if (spec.steps.length === 0) throw new SagaDefinitionError('NO_STEPS', spec.name, 'it has no steps');

  const names = new Set<string>();
  for (const step of spec.steps) {
    if (names.has(step.name))
      throw new SagaDefinitionError('DUPLICATE_STEP_NAME', spec.name, `two steps are named "${step.name}"`);
    names.add(step.name);
    if (topicsOf(step.onSuccess).length === 0)
      throw new SagaDefinitionError(
        'NO_SUCCESS_REPLY',
        spec.name,
        `step "${step.name}" awaits no reply that means success, so it could never end`,
      );
    for (const [which, policy] of [
      ['its', step.policy],
      ['its compensation’s', step.compensation?.policy],
    ] as const) {
      const problem = policy && policyProblem(policy);
      if (problem)
        throw new SagaDefinitionError(
          'INVALID_POLICY',
          spec.name,
          `step "${step.name}": ${which} policy: ${problem}`,
        );
    }
    if (step.compensation && topicsOf(step.compensation.onConfirmed).length === 0)
      throw new SagaDefinitionError(
        'NO_COMPENSATION_REPLY',
        spec.name,
        `the compensation of step "${step.name}" awaits no reply that confirms it, so it could never end`,
      );
  }

  for (const command of [...spec.onCompleted, ...spec.onCancelled]) {
    if (command.policy === undefined) continue;
    const problem =
      command.acknowledgedBy === undefined
        ? 'it has no acknowledgedBy, so no reply could ever meet its deadline'
        : policyProblem(command.policy);
    if (problem)
      throw new SagaDefinitionError(
        'INVALID_POLICY',
        spec.name,
        `final command "${command.topic}": its policy: ${problem}`,
      );
  }

  const routes = new Map<string, string>();
  const awaited = [
    ...replyRoutes(spec.steps).map((route) => ({ topic: route.topic, as: describe(spec, route) })),
    ...acknowledgementRoutes(spec).map((route) => ({
      topic: route.topic,
      as: `the acknowledgement of final command "${route.command}"`,
    })),
  ];
  for (const route of awaited) {
    const earlier = routes.get(route.topic);
    if (earlier)
      throw new SagaDefinitionError(
        'AMBIGUOUS_REPLY',
        spec.name,
        `"${route.topic}" is awaited as ${earlier} and as ${route.as}`,
      );
    routes.set(route.topic, route.as);
  }

  const sent = [
    ...spec.steps.flatMap((step) => [
      step.command.topic,
      ...(step.compensation ? [step.compensation.command.topic] : []),
    ]),
    ...spec.onCompleted.map((command) => command.topic),
    ...spec.onCancelled.map((command) => command.topic),
  ];
  for (const topic of sent)
    if (routes.has(topic))
      throw new SagaDefinitionError(
        'REPLY_IS_COMMAND',
        spec.name,
        `"${topic}" is both sent as a command and awaited as a reply`,
      );

  return Object.freeze({ ...spec, replyTopics: [...routes.keys()] as TopicOf<M>[] });
}

function describe<M extends object, D, R>(spec: SagaSpec<M, D, R>, route: ReplyRoute): string {
  const role = {
    SUCCESS: 'the success',
    FAILURE: 'the failure',
    CONFIRMATION: 'the compensation',
    COMPENSATION_FAILURE: 'the compensation failure',
  }[route.role];
  return `${role} reply of step "${spec.steps[route.step]?.name ?? route.step}"`;
}
