/**
 * Where the code's topics live on the broker. Code (handlers, contexts, dead-letter records, schema
 * subjects) names topics logically, `inventory.reserve`; the broker holds them as `<prefix><topic>`.
 * The prefix (KAFKA_TOPIC_PREFIX, '' by default) gives a test suite topics of its own, so that neither
 * it nor the running stack reads the other's messages; the registered schemas stay shared, as subjects
 * are named after the logical topic. Only the calls that talk to Kafka translate, through this.
 */
export class TopicNamespace {
  /** @param prefix valid Kafka topic characters; loadConfig validates KAFKA_TOPIC_PREFIX. */
  constructor(readonly prefix = '') {}

  /** The broker's name for a topic of the code's: `inventory.reserve` → `<prefix>inventory.reserve`. */
  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  /** The code's name for a topic of the broker's; undefined when it lies outside this namespace. */
  logical(physicalTopic: string): string | undefined {
    return physicalTopic.startsWith(this.prefix) ? physicalTopic.slice(this.prefix.length) : undefined;
  }
}
