import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { SagaDecision, SagaDefinition, SagaReply } from '@saga/saga-engine';

/** Which saga a reply belongs to: the order it is keyed by, and the saga id the reply carries back. */
export interface SagaCorrelation {
  readonly orderId: string;
  readonly sagaId: string;
}

/** How a message of topic `S` starts a saga. */
export interface SagaStarter<D, R, S extends TopicName> {
  readonly topic: S;
  /** The order the new saga is for: its unique key, and the key of every command it sends. */
  readonly orderIdOf: (message: TopicMessageMap[S]) => string;
  /** The engine's start decision for the message; the saga id and the time come from the manager. */
  readonly decide: (
    message: TopicMessageMap[S],
    options: { readonly sagaId: string; readonly now: Date },
  ) => SagaDecision<TopicMessageMap, D, R>;
}

/**
 * A saga definition bound to the platform's messages: what starts a saga and how a reply finds its
 * saga. It is all the saga manager needs to know of one saga, so another saga is another binding.
 */
export interface SagaBinding<D, R, S extends TopicName = TopicName> {
  readonly definition: SagaDefinition<TopicMessageMap, D, R>;
  readonly start: SagaStarter<D, R, S>;
  /** The saga a reply belongs to, or undefined when the reply names none. */
  readonly correlate: (reply: SagaReply<TopicMessageMap>) => SagaCorrelation | undefined;
}

/** Identity, so a binding object literal is checked (and its types inferred) where it is written. */
export function defineSagaBinding<D, R, S extends TopicName>(
  binding: SagaBinding<D, R, S>,
): SagaBinding<D, R, S> {
  return binding;
}
