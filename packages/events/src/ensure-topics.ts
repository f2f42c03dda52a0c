import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  readonly topic: string;
  /** Several partitions let a topic be consumed in parallel; the order-id key keeps each order in order. */
  readonly partitions?: number;
}

/**
 * Creates the topics that do not exist yet and leaves the others as they are. The broker does not
 * create topics on first use (a typo must not create one), so this runs before services start.
 * Returns the topics it created.
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicSpec[],
  defaultPartitions = 3,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.partitions ?? defaultPartitions })),
    });
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}
