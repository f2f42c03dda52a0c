import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import type { SagaReply } from '@saga/saga-engine';
import type { ServiceHandlers } from '@saga/service-kit';
import type { SagaManager } from '@saga/saga-runtime';

type Handler = (value: unknown, context: MessageContext) => Promise<void>;

/**
 * A handler per topic a bound saga consumes: its starting topic starts a saga, each reply topic of
 * the definition is handed to the manager with its topic. What the manager made of a message is in
 * the saga's history and the log; a handler fails only when the message must be delivered again.
 */
export function sagaHandlers<D, R, S extends TopicName>(
  manager: SagaManager<TopicMessageMap, D, R, S>,
): ServiceHandlers {
  const { binding } = manager;
  const handlers: Partial<Record<TopicName, Handler>> = {
    [binding.start.topic]: async (value: unknown, context: MessageContext) => {
      await manager.start(value as TopicMessageMap[S], context);
    },
  };
  for (const topic of binding.definition.replyTopics) {
    handlers[topic] = async (value, context) => {
      // The event client decoded `value` with the schema of `topic`, so the pair is a well-typed reply.
      await manager.handleReply({ topic, message: value } as SagaReply<TopicMessageMap>, context);
    };
  }
  return handlers;
}
