import type { SagaStep } from './saga-definition.ts';

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
