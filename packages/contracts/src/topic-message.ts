import type { TopicMessageMap, TopicName } from './generated/index.ts';

/** The message type of a topic: `TopicMessage<'order.created'>` is `OrderCreated`. */
export type TopicMessage<T extends TopicName> = TopicMessageMap[T];

/**
 * A message together with its topic, narrowed together: switching on `topic` narrows `message`.
 * What a consumer of several topics hands to one handler.
 */
export type TopicEnvelope<T extends TopicName = TopicName> = {
  [K in T]: { readonly topic: K; readonly message: TopicMessageMap[K] };
}[T];
