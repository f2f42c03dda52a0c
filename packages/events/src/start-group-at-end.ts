import type { KafkaCluster } from './kafka-cluster.ts';
import { TopicNamespace } from './topic-namespace.ts';

/**
 * Commits a consumer group's offsets at the current end of `topics`, so that the group reads only
 * what is published from now on. The event client starts a new group at the beginning of its topics
 * (a new service must see every command sent before it first ran); a group that must not (a test
 * beside earlier runs' messages, a projection rebuilt from now on) is positioned first with this.
 *
 * The group must have no other members meanwhile. `topics` are logical names; `topicPrefix` is the
 * namespace's (KAFKA_TOPIC_PREFIX), as for the event client.
 */
export function startGroupAtEnd(
  cluster: KafkaCluster,
  groupId: string,
  logicalTopics: readonly string[],
  options: { readonly topicPrefix?: string } = {},
): Promise<void> {
  const namespace = new TopicNamespace(options.topicPrefix);
  return cluster.startGroupAtEnd(
    groupId,
    logicalTopics.map((topic) => namespace.physical(topic)),
  );
}
