import type { DeliveryObserver } from '@saga/events';
import type { Logger } from '@saga/logging';
import { createPlatformMetrics, type PlatformMetrics } from '@saga/metrics';
import type { OutboxRelay } from '../outbox/outbox-relay.ts';
import { createMessageOutcomes } from './message-outcomes.ts';

/** A handler as the event client calls it; the context's message id and (logical) topic are what is read. */
type Handler<C> = (value: unknown, context: C) => Promise<void>;
type Delivered = { readonly id: string; readonly topic: string };

/**
 * The metrics of one running service and the few hooks runService places on its path: the event
 * client's observer (failed attempts, dead letters), the aggregate runtime's report of each message
 * it applied or found applied before, a wrapper that times each handling and counts what it came to,
 * and the scrape-time readings (outbox backlog, consumer lag). Each records in memory; nothing here
 * queries the store per message.
 */
export interface ServiceMetrics {
  readonly registry: PlatformMetrics;
  readonly deliveries: DeliveryObserver;
  readonly onMessage: (messageId: string, kind: 'applied' | 'duplicate') => void;
  measured<C extends Delivered>(handler: Handler<C>): Handler<C>;
  /** Once the relay and the consumer exist. */
  read(sources: {
    readonly relay: Pick<OutboxRelay, 'backlog'>;
    readonly consumerLag?: () => Promise<
      readonly { readonly topic: string; readonly partition: number; readonly lag: number }[]
    >;
  }): void;
}

export function createServiceMetrics(deps: {
  readonly service: string;
  readonly logger: Logger;
  readonly registry?: PlatformMetrics;
}): ServiceMetrics {
  const registry =
    deps.registry ??
    createPlatformMetrics({
      defaultLabels: { service: deps.service },
      onReadingError: (metric, error) => {
        deps.logger.warn(
          { metric, err: error instanceof Error ? error.message : String(error) },
          'a metric could not be read; its last value is reported',
        );
      },
    });
  const outcomes = createMessageOutcomes();
  const { messages } = registry;
  return {
    registry,
    deliveries: {
      failed: (topic) => {
        messages.handled(topic, 'failed');
      },
      deadLettered: (topic) => {
        messages.deadLettered(topic);
      },
    },
    onMessage: (messageId, kind) => {
      outcomes.record(messageId, kind);
    },
    measured:
      <C extends Delivered>(handler: Handler<C>): Handler<C> =>
      async (value, context) => {
        const started = performance.now();
        try {
          const outcome = await outcomes.watch(context.id, () => handler(value, context));
          messages.handled(context.topic, outcome);
        } finally {
          messages.attempted(context.topic, (performance.now() - started) / 1000);
        }
      },
    read({ relay, consumerLag }) {
      registry.readOutbox(() => relay.backlog());
      if (consumerLag) registry.readConsumerLag(consumerLag);
    },
  };
}
