import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { EventClient, EventMetadata, PublishOptions } from '@saga/events';

/**
 * Plays a service's mouth: publishes on `topics` through the event client, as that service would
 * (Avro through the registry, CloudEvents headers). The namespace makes it and stops it.
 */
export class TestPublisher<T extends TopicName> {
  constructor(
    private readonly client: EventClient<TopicMessageMap>,
    readonly topics: readonly T[],
  ) {}

  /** Sends `value` under `key`; `options` fix its id or trace (to redeliver one, say). */
  publish<K extends T>(
    topic: K,
    key: string,
    value: TopicMessageMap[K],
    options: PublishOptions = {},
  ): Promise<EventMetadata> {
    return this.client.publish(topic, key, value, options);
  }

  stop(): Promise<void> {
    return this.client.disconnect();
  }
}
