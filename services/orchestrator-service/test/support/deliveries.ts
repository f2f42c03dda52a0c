import { randomUUID } from 'node:crypto';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import type { SagaReply } from '@saga/saga-engine';
import type { Delivery } from '@saga/saga-runtime';

/** The trace every test delivery belongs to. */
export const traceId = '0af7651916cd43dd8448eb211c80319c';

/** A delivered message's id and trace; a new id unless one is given (a redelivery keeps its id). */
export function delivery(id: string = randomUUID()): Delivery {
  return { id, traceparent: `00-${traceId}-b7ad6b7169203331-01` };
}

/** An order as created: the sample, with its own order id. */
export function orderCreated(orderId: string = randomUUID()): TopicMessageMap['order.created'] {
  return { ...topicSamples['order.created'], orderId };
}

/** A reply of `topic` for this order and saga: the sample message with the ids (and any changes) set. */
export function replyFor<T extends TopicName>(
  topic: T,
  ids: { orderId: string; sagaId: string },
  changes: Partial<TopicMessageMap[T]> = {},
): SagaReply<TopicMessageMap> {
  return { topic, message: { ...topicSamples[topic], ...ids, ...changes } } as SagaReply<TopicMessageMap>;
}
