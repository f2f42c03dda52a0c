import type { KafkaMessage, Message } from 'kafkajs';

/** The raw pipeline's payload: small JSON, keyed by the order id like every message of a saga. */
export interface PipelineMessage {
  readonly orderId: string;
  /** 1 on order.created, one more at every forward. */
  readonly hop: number;
}

export function firstMessage(orderId: string): Message {
  return { key: orderId, value: JSON.stringify({ orderId, hop: 1 } satisfies PipelineMessage) };
}

export function readMessage(message: KafkaMessage): PipelineMessage {
  return JSON.parse(message.value?.toString() ?? '{}') as PipelineMessage;
}

/** What a role sends on for a message it consumed: the same order, one hop further. */
export function forwardOf(message: KafkaMessage): Message {
  const { orderId, hop } = readMessage(message);
  return { key: message.key, value: JSON.stringify({ orderId, hop: hop + 1 } satisfies PipelineMessage) };
}
