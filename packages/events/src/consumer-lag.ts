import type { Admin } from 'kafkajs';

/** How far a consumer group is behind on one partition of a topic (its logical name). */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Messages between the group's committed offset and the partition's end. */
  readonly lag: number;
}

/**
 * Each partition's lag for `groupId`: the partition's end offset minus the group's committed
 * offset, two admin requests for all topics whatever their number of partitions. A partition the
 * group never committed on counts everything still on it (end minus start): all of it is unread.
 */
export async function readConsumerLag(
  admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>,
  groupId: string,
  topics: readonly { readonly physical: string; readonly logical: string }[],
): Promise<PartitionLag[]> {
  if (topics.length === 0) return [];
  const committed = await admin.fetchOffsets({ groupId, topics: topics.map((t) => t.physical) });
  const lags: PartitionLag[] = [];
  for (const { physical, logical } of topics) {
    const ends = await admin.fetchTopicOffsets(physical);
    const commits = committed.find((c) => c.topic === physical)?.partitions ?? [];
    for (const { partition, high, low } of ends) {
      const commit = Number(commits.find((c) => c.partition === partition)?.offset ?? -1);
      const from = commit < 0 ? Number(low) : commit;
      lags.push({ topic: logical, partition, lag: Math.max(0, Number(high) - from) });
    }
  }
  return lags.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
