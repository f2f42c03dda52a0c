import type { Consumer, ConsumerRunConfig, Kafka, Producer, TopicPartitionOffset } from 'kafkajs';
import { LingerSender } from './linger-sender.ts';
import { forwardOf, readMessage } from './pipeline-message.ts';
import type { RelaySettings } from './relay-settings.ts';

/** Where a role's messages go: the broker's name of each topic it consumes, and of the topic it forwards to. */
export type Routes = readonly (readonly [from: string, to: string | null])[];

export interface RelayOptions {
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly groupId: string;
  readonly routes: Routes;
  /** Each pipeline's order id as its last message arrives (only the order role has such a topic). */
  readonly onFinal: (orderId: string) => void;
  /** The consumer died and kafkajs will not restart it: the role cannot go on. */
  readonly onFatal: (error: unknown) => void;
}

/**
 * A role's consuming half: reads the topics it is routed, sends each message one hop further (or
 * reports the pipeline complete), in the style its settings say. Offsets are committed by kafkajs
 * after each batch is handled, so after the forward was acknowledged: at-least-once, as a service.
 */
export class Relay {
  private consumer: Consumer | undefined;
  /** With `commitIntervalMs`: the next offset of each partition, for the commit at `stop`. */
  private readonly handled = new Map<string, TopicPartitionOffset>();
  private readonly next: ReadonlyMap<string, string | null>;

  constructor(private readonly options: RelayOptions) {
    this.next = new Map(options.routes);
  }

  /** (Re)joins the group with `settings`; resolves once the consumer has joined and runs. */
  async start(settings: RelaySettings): Promise<void> {
    await this.stop();
    const { kafka, groupId, routes, onFatal } = this.options;
    // The fetch settings belong to the consumer, not to run(): a new one per settings; same group.
    const consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: settings.maxWaitTimeInMs,
      minBytes: settings.minBytes,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) onFatal(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: routes.map(([from]) => from), fromBeginning: true });
    // run() resolves once the group is joined and partitions are assigned.
    await consumer.run(this.runConfig(settings));
  }

  /** Leaves the group, first committing what an interval-committing consumer had not committed yet. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    const handled = [...this.handled.values()];
    this.handled.clear();
    if (handled.length > 0) await consumer.commitOffsets(handled);
    await consumer.disconnect();
  }

  private runConfig(settings: RelaySettings): ConsumerRunConfig {
    const { producer, onFinal } = this.options;
    const concurrency = { partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently };
    if (settings.style === 'per-message') {
      return {
        ...concurrency,
        eachMessage: async ({ topic, message }) => {
          const to = this.routeOf(topic);
          if (to === null) onFinal(readMessage(message).orderId);
          else await producer.send({ topic: to, messages: [forwardOf(message)] });
        },
      };
    }
    const sender = new LingerSender(producer, settings.lingerMs);
    const interval = settings.commitIntervalMs;
    return {
      ...concurrency,
      ...(interval === null ? {} : { autoCommit: false, autoCommitInterval: interval }),
      eachBatch: async (payload) => {
        const { batch } = payload;
        const to = this.routeOf(batch.topic);
        if (to === null) for (const message of batch.messages) onFinal(readMessage(message).orderId);
        else await sender.send(to, batch.messages.map(forwardOf));
        if (interval === null) return;
        const { topic, partition } = batch;
        payload.resolveOffset(batch.lastOffset());
        this.handled.set(`${topic}|${partition}`, {
          topic,
          partition,
          offset: (BigInt(batch.lastOffset()) + 1n).toString(),
        });
        // Commits what is resolved once `interval` has passed since the last commit.
        await payload.commitOffsetsIfNecessary();
      },
    };
  }

  private routeOf(topic: string): string | null {
    const to = this.next.get(topic);
    if (to === undefined)
      throw new Error(`no route for "${topic}": the role was subscribed to it by mistake`);
    return to;
  }
}
