import { Topics, type TopicName } from '@saga/contracts';

/** The four services of the order saga, each played by one process of the raw pipeline. */
export const roles = ['order', 'orchestrator', 'inventory', 'payment'] as const;
export type Role = (typeof roles)[number];

/** One message of the saga's happy path: which role consumes it from `topic`, and where it goes next. */
export interface Hop {
  readonly topic: TopicName;
  readonly consumer: Role;
  /** The topic the consumer forwards to; none for the last hop, which ends the pipeline. */
  readonly next?: TopicName;
}

/**
 * The eight messages of one order saga that succeeds, in order, on the saga's own topic names: the
 * raw pipeline makes the same hops between the same roles, with nothing but Kafka in between.
 * The order role produces the first (order.created) and consumes the last (order.confirm).
 */
export const hops: readonly Hop[] = [
  { topic: Topics.OrderCreated, consumer: 'orchestrator', next: Topics.InventoryReserve },
  { topic: Topics.InventoryReserve, consumer: 'inventory', next: Topics.InventoryReserved },
  { topic: Topics.InventoryReserved, consumer: 'orchestrator', next: Topics.PaymentRequest },
  { topic: Topics.PaymentRequest, consumer: 'payment', next: Topics.PaymentSuccess },
  { topic: Topics.PaymentSuccess, consumer: 'orchestrator', next: Topics.InventoryCommit },
  { topic: Topics.InventoryCommit, consumer: 'inventory', next: Topics.InventoryCompleted },
  { topic: Topics.InventoryCompleted, consumer: 'orchestrator', next: Topics.OrderConfirm },
  { topic: Topics.OrderConfirm, consumer: 'order' },
];

/** The topic the order role starts each pipeline on. */
export const firstTopic: TopicName = Topics.OrderCreated;
