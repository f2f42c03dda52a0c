import type { SagaSpec, SagaStep } from './saga-definition.ts';

/** What a reply topic means, and for which step: where `handle` routes a reply. */
export interface ReplyRoute {
  readonly topic: string;
  readonly step: number;
  readonly role: 'SUCCESS' | 'FAILURE' | 'CONFIRMATION' | 'COMPENSATION_FAILURE';
}

/** Every reply topic of the steps with its meaning, in step order. `defineSaga` makes each topic appear once. */
export function replyRoutes<M extends object, D, R>(steps: readonly SagaStep<M, D, R>[]): ReplyRoute[] {
  return steps.flatMap((step, index) => [
    ...topicsOf(step.onSuccess).map((topic) => ({ topic, step: index, role: 'SUCCESS' as const })),
    ...topicsOf(step.onFailure).map((topic) => ({ topic, step: index, role: 'FAILURE' as const })),
    ...topicsOf(step.compensation?.onConfirmed).map((topic) => ({
      topic,
      step: index,
      role: 'CONFIRMATION' as const,
    })),
    ...topicsOf(step.compensation?.onFailure).map((topic) => ({
      topic,
      step: index,
      role: 'COMPENSATION_FAILURE' as const,
    })),
  ]);
}

/** The topics a handler map names. A key whose value is not a function handles nothing. */
export function topicsOf(handlers: object | undefined): string[] {
  if (handlers === undefined) return [];
  return Object.entries(handlers)
    .filter(([, handler]) => typeof handler === 'function')
    .map(([topic]) => topic);
}

/** A reply topic that acknowledges a final command: which command, and which end of the walk sent it. */
export interface AcknowledgementRoute {
  readonly topic: string;
  /** The acknowledged command's topic, which names it in the state's `finalCommands`. */
  readonly command: string;
  readonly outcome: 'COMPLETED' | 'CANCELLED';
}

/** Every acknowledgement topic of the final commands, completion's first. */
export function acknowledgementRoutes<M extends object, D, R>(
  spec: Pick<SagaSpec<M, D, R>, 'onCompleted' | 'onCancelled'>,
): AcknowledgementRoute[] {
  const routesOf = (
    commands: readonly { readonly topic: string; readonly acknowledgedBy?: string }[],
    outcome: AcknowledgementRoute['outcome'],
  ) =>
    commands.flatMap(({ topic, acknowledgedBy }) =>
      acknowledgedBy === undefined ? [] : [{ topic: acknowledgedBy, command: topic, outcome }],
    );
  return [...routesOf(spec.onCompleted, 'COMPLETED'), ...routesOf(spec.onCancelled, 'CANCELLED')];
}
