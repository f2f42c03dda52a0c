/**
 * The engine is generic over a topic map: an object type from topic name to message type, such as
 * the contracts' `TopicMessageMap`. The constraint is `object` rather than `Record<string, unknown>`
 * because an interface has no index signature and would not satisfy the latter.
 */
export type TopicOf<M extends object> = keyof M & string;

/**
 * A reply the saga receives: a message together with its topic, narrowed together, so switching on
 * `topic` narrows `message`. The same shape as the contracts' `TopicEnvelope`.
 */
export type SagaReply<M extends object> = {
  [T in TopicOf<M>]: { readonly topic: T; readonly message: M[T] };
}[TopicOf<M>];

/**
 * A command the saga decided to send. The engine only returns it; the runner publishes it (through
 * its outbox) after persisting the state that decided it.
 */
export type SagaAction<M extends object> = {
  [T in TopicOf<M>]: { readonly topic: T; readonly value: M[T] };
}[TopicOf<M>];
