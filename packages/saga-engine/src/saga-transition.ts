import type { SagaOutcome } from './saga-outcome.ts';
import type { SagaState } from './saga-state.ts';
import type { SagaAction } from './topic-map.ts';

/**
 * What the engine needs besides the definition and the state: the time of the decision, so it never
 * reads a clock, and a source of randomness for the jitter of re-send deadlines (a number in [0, 1),
 * like Math.random; absent means no jitter), so it stays a pure function of its inputs.
 */
export interface TransitionOptions {
  readonly now: Date;
  readonly random?: () => number;
}

/**
 * A decision: the state to persist, the commands to publish, and when the engine must next be asked
 * about a deadline (`handleTimeout`), null for never. The engine runs none of it; the runner persists
 * the state, the deadline and the actions together (an outbox), then publishes the actions in order.
 */
export interface SagaDecision<M extends object, D, R> {
  readonly state: SagaState<D, R>;
  readonly actions: readonly SagaAction<M>[];
  readonly deadlineAt: Date | null;
}

/** A decision about a reply, a deadline or a retry, with what the engine made of it. */
export interface SagaTransition<M extends object, D, R> extends SagaDecision<M, D, R> {
  readonly outcome: SagaOutcome;
}
