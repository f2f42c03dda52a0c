import type { SagaOutcome } from './saga-outcome.ts';
import type { SagaState } from './saga-state.ts';
import type { SagaAction } from './topic-map.ts';

/** What the engine needs besides the definition and the state: the time of the decision, so it never reads a clock. */
export interface TransitionOptions {
  readonly now: Date;
}

/**
 * A decision: the state to persist and the commands to publish. The engine runs neither; the runner
 * persists the state and the actions together (an outbox), then publishes the actions in order.
 */
export interface SagaDecision<M extends object, D, R> {
  readonly state: SagaState<D, R>;
  readonly actions: readonly SagaAction<M>[];
}

/** A decision about a reply, with what the engine made of the reply. */
export interface SagaTransition<M extends object, D, R> extends SagaDecision<M, D, R> {
  readonly outcome: SagaOutcome;
}
