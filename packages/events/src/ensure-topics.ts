import { deadLetterTopicOf, isDeadLetterTopic } from './dead-letter.ts';
import type { NewTopic } from './kafka-admin.ts';
import { withAdmin, type KafkaCluster } from './kafka-cluster.ts';
import { TopicNamespace } from './topic-namespace.ts';

export interface TopicSpec {
  readonly topic: string;
  /** Several partitions let a topic be consumed in parallel; the order-id key keeps each order in order. */
  readonly partitions?: number;
}

/**
 * Dead-letter topics: one partition (they are read by people and tools, not in parallel), and kept
 * until someone deletes them: a dead letter is a message the platform has not processed yet.
 */
export const deadLetterTopicConfig = {
  partitions: 1,
  config: { 'retention.ms': '-1' },
} as const;

export interface EnsureTopicsOptions {
  /** Partitions of a topic whose spec names none (default 3). */
  readonly defaultPartitions?: number;
  /** The namespace's prefix (KAFKA_TOPIC_PREFIX): specs name logical topics, the broker gets `<prefix><topic>`. */
  readonly topicPrefix?: string;
}

/**
 * Creates the topics that do not exist yet, each with its dead-letter topic `<topic>.dlq`, and leaves
 * the others as they are. The broker does not create topics on first use (a typo must not create
 * one), so this runs before services start. Returns the topics it created, as the broker names them.
 */
export async function ensureTopics(
  cluster: KafkaCluster,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const namespace = new TopicNamespace(options.topicPrefix);
  const defaultPartitions = options.defaultPartitions ?? 3;
  const wanted: NewTopic[] = [
    ...specs.map((s) => ({
      topic: namespace.physical(s.topic),
      partitions: s.partitions ?? defaultPartitions,
    })),
    ...specs
      .filter((s) => !isDeadLetterTopic(s.topic))
      .map((s) => ({
        topic: namespace.physical(deadLetterTopicOf(s.topic)),
        partitions: deadLetterTopicConfig.partitions,
        config: deadLetterTopicConfig.config,
      })),
  ];
  return withAdmin(cluster, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return [];
    await admin.createTopics(missing);
    return missing.map((t) => t.topic);
  });
}
