import type { Admin } from 'kafkajs';
import type { ClusterDescription, KafkaAdmin, NewTopic, PartitionOffsets } from './kafka-admin.ts';

/** How long a topic deletion may take before the broker's answer counts as a failure. */
const DELETE_TOPICS_TIMEOUT_MS = 30_000;

/** The platform's KafkaAdmin on a connected kafkajs admin client. */
export class KafkajsAdmin implements KafkaAdmin {
  constructor(private readonly admin: Admin) {}

  async describeCluster(): Promise<ClusterDescription> {
    const { clusterId, brokers } = await this.admin.describeCluster();
    return { clusterId, brokers: brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })) };
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async createTopics(topics: readonly NewTopic[]): Promise<void> {
    // kafkajs resolves false, not an error, for topics that exist already.
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: topics.map(({ topic, partitions, config }) => ({
        topic,
        numPartitions: partitions,
        ...(config
          ? { configEntries: Object.entries(config).map(([name, value]) => ({ name, value })) }
          : {}),
      })),
    });
  }

  deleteTopics(topics: readonly string[]): Promise<void> {
    return this.admin.deleteTopics({ topics: [...topics], timeout: DELETE_TOPICS_TIMEOUT_MS });
  }

  async topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets
      .map(({ partition, low, high }) => ({ partition, start: BigInt(low), end: BigInt(high) }))
      .sort((a, b) => a.partition - b.partition);
  }

  async listGroups(): Promise<string[]> {
    const { groups } = await this.admin.listGroups();
    return groups.map((g) => g.groupId);
  }

  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    await this.admin.deleteGroups([...groupIds]);
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}
