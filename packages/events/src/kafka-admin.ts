/** The cluster as its metadata describes it. */
export interface ClusterDescription {
  readonly clusterId: string;
  readonly brokers: readonly { readonly nodeId: number; readonly host: string; readonly port: number }[];
}

/** A topic to create. */
export interface NewTopic {
  readonly topic: string;
  readonly partitions: number;
  /** Topic-level configuration, e.g. `{ 'retention.ms': '-1' }`; the broker's defaults otherwise. */
  readonly config?: Readonly<Record<string, string>>;
}

/** A partition's first offset still held and the offset the next record will get. */
export interface PartitionOffsets {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * What the platform asks of a cluster's admin API: topics, the cluster's brokers, a topic's offsets
 * and consumer groups, and nothing else. Got connected from `KafkaCluster.admin()`; `disconnect`
 * when done (or use `withAdmin`).
 */
export interface KafkaAdmin {
  describeCluster(): Promise<ClusterDescription>;
  listTopics(): Promise<string[]>;
  /**
   * Creates the topics and resolves once each partition has a leader. A topic that exists already is
   * left as it is (no error), so two processes creating the same topics at once both succeed.
   */
  createTopics(topics: readonly NewTopic[]): Promise<void>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Each partition's offsets, by partition number. */
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The ids of every consumer group the cluster knows. */
  listGroups(): Promise<string[]>;
  /** Deletes the groups; fails when one still has members (they take a moment to leave after they stop). */
  deleteGroups(groupIds: readonly string[]): Promise<void>;
  disconnect(): Promise<void>;
}
