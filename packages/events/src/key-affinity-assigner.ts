import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

export const keyAffinityAssignerName = 'SagaKeyAffinity';

/**
 * Gives partition `p` of every subscribed topic to the same member: the `p mod n`-th of the members
 * sorted by id. A key lands on the same partition number of every topic with the same partition count
 * (the producer hashes the key, murmur2 mod count), so every message about one key, on whatever topic,
 * reaches one member, which is then the only writer of that key's documents. kafkajs's round-robin
 * assigner deals partitions across the topics one after the other, so one order's `order.created`
 * and its replies could go to two replicas that would both write its saga.
 */
export const KeyAffinityAssigner: PartitionAssigner = ({ cluster }) => ({
  name: keyAffinityAssignerName,
  version: 0,
  assign({ members, topics }) {
    const sorted = members.map(({ memberId }) => memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(sorted.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const member = assignment.get(sorted[partitionId % sorted.length] as string);
        if (member) (member[topic] ??= []).push(partitionId);
      }
    }
    return Promise.resolve(
      [...assignment].map(([memberId, topicPartitions]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: topicPartitions,
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }) {
    return {
      name: keyAffinityAssignerName,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
