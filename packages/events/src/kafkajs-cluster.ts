import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { KafkaAdmin } from './kafka-admin.ts';
import type { KafkaCluster, KafkaClusterOptions } from './kafka-cluster.ts';
import { kafkaLogBridge } from './kafka-log-bridge.ts';
import { KafkajsAdmin } from './kafkajs-admin.ts';
import { kafkajsConnection } from './kafkajs-connection.ts';
import { startKafkajsRawConsumer } from './kafkajs-raw-consumer.ts';
import { KafkajsRawProducer } from './kafkajs-raw-producer.ts';
import type { RawConsumer, RawConsumerOptions } from './raw-consumer.ts';
import type { RawProducer } from './raw-producer.ts';

/**
 * The platform's KafkaCluster on kafkajs, the client the event client itself is built on. The one
 * place besides the event client where a kafkajs client is made.
 * @throws CaFileError (from kafkaClientOptions, before this) when KAFKA_SSL_CA_FILE cannot be used.
 */
export function createKafkaCluster(options: KafkaClusterOptions): KafkaCluster {
  return new KafkajsCluster(options);
}

class KafkajsCluster implements KafkaCluster {
  readonly brokers: readonly string[];
  private readonly kafka: Kafka;
  private readonly retry: { retries: number } | undefined;

  constructor(options: KafkaClusterOptions) {
    const { connection, logger, retries } = options;
    this.brokers = [...connection.brokers];
    this.retry = retries === undefined ? undefined : { retries };
    this.kafka = new Kafka({
      clientId: options.clientId,
      ...kafkajsConnection(connection),
      ...(options.connectionTimeoutMs === undefined
        ? {}
        : { connectionTimeout: options.connectionTimeoutMs }),
      ...(options.authenticationTimeoutMs === undefined
        ? {}
        : { authenticationTimeout: options.authenticationTimeoutMs }),
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeout: options.requestTimeoutMs }),
      ...(this.retry ? { retry: this.retry } : {}),
      ...(logger
        ? { logLevel: logLevel.WARN, logCreator: kafkaLogBridge(logger) }
        : { logLevel: logLevel.NOTHING }),
    });
  }

  async admin(): Promise<KafkaAdmin> {
    const admin = this.kafka.admin(this.retry ? { retry: this.retry } : {});
    try {
      await admin.connect();
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
    return new KafkajsAdmin(admin);
  }

  async producer(): Promise<RawProducer> {
    // The event client's partitioner, so a raw record keyed by an order id lands where that order's events do.
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new KafkajsRawProducer(producer);
  }

  consumer(options: RawConsumerOptions): Promise<RawConsumer> {
    return startKafkajsRawConsumer(this.kafka, options);
  }

  /**
   * kafkajs's `admin.setOffsets` joins the group once per topic and waits a fetch each time (5 s); one
   * paused member that joins once and commits every partition's end does the same in a moment.
   */
  async startGroupAtEnd(groupId: string, topics: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
    ).finally(() => admin.disconnect());
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
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
}
