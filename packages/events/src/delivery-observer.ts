/**
 * Told what became of consumed messages, for metrics: the event client calls it, cheaply and
 * synchronously, on the delivery path. Topics are logical names (no namespace prefix).
 */
export interface DeliveryObserver {
  /** An attempt at handling a message threw, and the message will be tried again. */
  failed(topic: string): void;
  /** A message was given up and its dead letter is on the broker. */
  deadLettered(topic: string): void;
}
