import type { Kafka } from 'kafkajs';
import type { RawConsumer, RawConsumerOptions } from './raw-consumer.ts';

/**
 * A kafkajs consumer of raw records, started: resolves once the group is joined, so a record sent
 * after that is read whatever `from` says. A short fetch wait keeps tests quick to see a record and
 * quick to leave the group.
 */
export async function startKafkajsRawConsumer(
  kafka: Kafka,
  options: RawConsumerOptions,
): Promise<RawConsumer> {
  const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 100 });
  try {
    await consumer.connect();
    const { from } = options;
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: from !== 'end' });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => {
        resolve();
      }),
    );
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        await options.onRecord({ ...message, topic, partition });
      },
    });
    if (typeof from !== 'string')
      for (const { topic, partition, offset } of from)
        consumer.seek({ topic, partition, offset: offset.toString() });
    await joined;
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  return { stop: () => consumer.disconnect() };
}
