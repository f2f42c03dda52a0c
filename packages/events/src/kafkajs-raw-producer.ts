import type { Producer } from 'kafkajs';
import type { RecordPosition } from './dead-letter.ts';
import type { OutgoingRecord } from './kafka-record.ts';
import type { RawProducer } from './raw-producer.ts';

/** The platform's RawProducer on a connected kafkajs producer (the event client's partitioner). */
export class KafkajsRawProducer implements RawProducer {
  constructor(private readonly producer: Producer) {}

  async send(topic: string, records: readonly OutgoingRecord[]): Promise<RecordPosition[]> {
    const answers = await this.producer.send({
      topic,
      acks: -1,
      messages: records.map(({ key, value, headers }) => ({
        key: key ?? null,
        value,
        ...(headers ? { headers } : {}),
      })),
    });
    return answers.map((a) => ({ topic, partition: a.partition, offset: a.baseOffset ?? '' }));
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
