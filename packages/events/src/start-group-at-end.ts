import type { Kafka } from 'kafkajs';
import { TopicNamespace } from './topic-namespace.ts';

/**
 * Commits a consumer group's offsets at the current end of `topics`, so that the group reads only
 * what is published from now on. The event client starts a new group at the beginning of its topics
 * (a new service must see every command sent before it first ran); a group that must not (a test
 * beside earlier runs' messages, a projection rebuilt from now on) is positioned first with this.
 *
 * kafkajs's `admin.setOffsets` joins the group once per topic and waits a fetch each time (5 s); one
 * paused member that joins once and commits every partition's end does the same in a moment.
 * The group must have no other members meanwhile. `topics` are logical names; `topicPrefix` is the
 * namespace's (KAFKA_TOPIC_PREFIX), as for the event client.
 */
export async function startGroupAtEnd(
  kafka: Kafka,
  groupId: string,
  logicalTopics: readonly string[],
  options: { readonly topicPrefix?: string } = {},
): Promise<void> {
  const namespace = new TopicNamespace(options.topicPrefix);
  const topics = logicalTopics.map((topic) => namespace.physical(topic));
  const admin = kafka.admin();
  await admin.connect();
  const ends = await Promise.all(
    topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
  ).finally(() => admin.disconnect());
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics] });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => {
        resolve();
      }),
    );
    await consumer.run({ eachBatch: () => Promise.resolve() });
    consumer.pause(topics.map((topic) => ({ topic })));
    await joined;
    await consumer.commitOffsets(
      ends.flatMap(({ topic, offsets }) =>
        offsets.map(({ partition, high }) => ({ topic, partition, offset: high })),
      ),
    );
  } finally {
    await consumer.disconnect();
  }
}
