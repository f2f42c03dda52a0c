import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type avro from 'avsc';
import {
  Partitioners,
  type Admin,
  type Consumer,
  type ConsumerRunConfig,
  type EachMessagePayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { Logger } from '@saga/logging';
import { fromHeaders, toHeaders, type EventMetadata } from './cloud-event-headers.ts';
import { defaultConsumerRetryPolicy, type ConsumerRetryPolicy } from './consumer-retry-policy.ts';
import { deadLetterRecord, deadLetterTopicOf } from './dead-letter.ts';
import { DeadLetterTopicMissingError } from './dead-letter-topic-missing-error.ts';
import { DeadLetters } from './dead-letters.ts';
import { readConsumerLag, type PartitionLag } from './consumer-lag.ts';
import type { DeliveryObserver } from './delivery-observer.ts';
import { describeError } from './error-classification.ts';
import { MessageDecodeError, MessageEncodeError, RegistryUnavailableError } from './errors.ts';
import { runInKeyLanes } from './key-lanes.ts';
import { KeyAffinityAssigner } from './key-affinity-assigner.ts';
import { PartitionOwnership, type KeyOwnership, type TopicPartitions } from './key-ownership.ts';
import { deliverMessage } from './message-delivery.ts';
import { isNotFound, SchemaCatalog, type CatalogEntry } from './schema-catalog.ts';
import { TopicNamespace } from './topic-namespace.ts';
import { startProducerSpan, withConsumerSpan, type ProducerSpan } from './messaging-spans.ts';
import { causeTraceparent } from './trace-context.ts';

/** Everything a handler knows about the message besides its value. */
export interface MessageContext extends EventMetadata {
  /** The topic's logical name, whatever the namespace's prefix on the broker. */
  readonly topic: string;
  readonly key: string;
  readonly partition: number;
  readonly offset: string;
}

export type Handler<V> = (value: V, context: MessageContext) => Promise<void>;

/** An event encoded for the broker (see EventClient.prepare), with the metadata it carries. */
export interface PreparedEvent {
  /** The topic's name on the broker. */
  readonly topic: string;
  readonly meta: EventMetadata;
  readonly message: {
    readonly key: string;
    readonly value: Buffer;
    readonly headers: Record<string, string>;
  };
  /** The publish's PRODUCER span, ended by `sendAll` when the broker answered. */
  readonly span?: ProducerSpan;
}

/** Metadata a publisher may fix, e.g. an outbox entry's id so that a re-send keeps it. */
export type PublishOptions = Partial<Pick<EventMetadata, 'id' | 'time' | 'traceparent' | 'subject'>> & {
  /**
   * The message this one is caused by: the new event joins its trace, as a child of the span active
   * now when that is in the same trace (see causeTraceparent).
   */
  readonly causedBy?: Pick<EventMetadata, 'traceparent'>;
  /**
   * The traceparent of the span that caused this publish, exactly (an outbox entry's stored one):
   * the publish's PRODUCER span is its child, whatever span is active now.
   */
  readonly parent?: string;
};

export interface EventClientOptions<M> {
  readonly kafka: Kafka;
  readonly registry: SchemaRegistry;
  readonly registryUrl: string;
  /** The Avro schema of every topic's value (generated from schemas/). */
  readonly schemas: { readonly [T in keyof M & string]: object };
  readonly avroOptions: Partial<avro.ForSchemaOptions>;
  /** Subject naming; the platform uses Confluent's TopicNameStrategy, `<topic>-value`. */
  readonly subjectOf: (topic: keyof M & string) => string;
  /** This service, as the CloudEvents source, e.g. `/services/order-service`. */
  readonly source: string;
  readonly logger: Logger;
  /**
   * Prepended to every topic's name on the broker (KAFKA_TOPIC_PREFIX; default ''): a test suite's
   * namespace. Everything the code sees stays logical; see TopicNamespace.
   */
  readonly topicPrefix?: string;
  /** Told of failed attempts and dead letters (the service's metrics). */
  readonly observer?: DeliveryObserver;
}

/** How `start` consumes. */
export interface ConsumeOptions {
  /** Backoff and bounds for messages whose handling fails (default `defaultConsumerRetryPolicy`). */
  readonly retryPolicy?: ConsumerRetryPolicy;
  /**
   * Where a group without committed offsets starts: the beginning of each partition (default: a new
   * service must see everything), or its end (a test's throwaway group that should see only its own messages).
   */
  readonly fromBeginning?: boolean;
  /**
   * How many messages of different keys one partition's batch handles at once (default 16; see
   * key-lanes.ts). Messages of one key are always handled one after the other, in order.
   */
  readonly concurrency?: number;
  /** How many partitions are handled at once (default 4). */
  readonly partitions?: number;
  /**
   * How long a partition gained from another live member is paused, and its keys not owned, after a
   * join (default 5 s; see key-ownership.ts): longer than any one store write the member that had it
   * may still be finishing.
   */
  readonly ownershipGraceMs?: number;
}

const defaultConcurrency = 16;
const defaultPartitionsAtOnce = 4;
const defaultOwnershipGraceMs = 5_000;

/**
 * Publish and subscribe by topic name, with the value's type fixed by the topic map `M`.
 * Values are Avro in Confluent's wire format, through the schema registry; metadata travels in
 * CloudEvents headers. Schemas are verified once, at `connect`, never per message.
 */
export class EventClient<M> {
  private readonly catalog: SchemaCatalog;
  private readonly namespace: TopicNamespace;
  private readonly handlers = new Map<string, Handler<never>>();
  private producer: Producer | undefined;
  private consumer: Consumer | undefined;
  /** Sends the raw bytes of messages given up on to `<topic>.dlq`; connected by `start`. */
  private deadLetterProducer: Producer | undefined;
  /** Aborted by `disconnect`, so a message being retried lets go at once. */
  private stopping = new AbortController();
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly partitionOwnership = new PartitionOwnership();
  /** The group `start` joined, for `consumerLag`. */
  private groupId: string | undefined;
  /** Kept between lag readings; dropped when one fails, so the next one connects afresh. */
  private lagAdmin: Admin | undefined;

  constructor(private readonly options: EventClientOptions<M>) {
    this.namespace = new TopicNamespace(options.topicPrefix);
    this.catalog = new SchemaCatalog({
      registry: options.registry,
      registryUrl: options.registryUrl,
      avroOptions: options.avroOptions,
      subjectOf: (topic) => options.subjectOf(topic as keyof M & string),
    });
  }

  /**
   * Checks that every topic this service publishes is registered exactly as the code has it,
   * and every topic it consumes is readable, then connects the producer.
   * @throws SchemaNotRegisteredError | SchemaIncompatibleError naming the subject and the command to run.
   */
  async connect(usage: {
    publishes: readonly (keyof M & string)[];
    consumes?: readonly (keyof M & string)[];
  }) {
    for (const topic of usage.publishes)
      await this.catalog.requireForPublish(topic, this.options.schemas[topic]);
    for (const topic of usage.consumes ?? [])
      await this.catalog.requireForConsume(topic, this.options.schemas[topic]);
    if (usage.publishes.length > 0) {
      // Idempotent with one request in flight: retries can neither duplicate nor reorder one order's events.
      this.producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.producer.connect();
    }
  }

  /** Encodes and sends one event; resolves with its metadata once the broker has it. */
  async publish<T extends keyof M & string>(
    topic: T,
    key: string,
    value: M[T],
    options: PublishOptions = {},
  ): Promise<EventMetadata> {
    const prepared = await this.prepare(topic, key, value, options);
    await this.sendAll([prepared]);
    return prepared.meta;
  }

  /**
   * Encodes one event for `sendAll`, checking it as `publish` does.
   * @throws MessageEncodeError when the value does not fit its schema (it never will, as it is).
   */
  async prepare<T extends keyof M & string>(
    topic: T,
    key: string,
    value: M[T],
    options: PublishOptions = {},
  ): Promise<PreparedEvent> {
    const entry = this.catalog.get(topic);
    if (!entry?.id || !this.producer) {
      throw new Error(`"${topic}" was not declared in connect({ publishes }) before publishing to it`);
    }
    const encoded = await this.encode(entry, value);
    const id = options.id ?? randomUUID();
    // A traceparent given as it is (a test re-sending a message) is sent as it is, without a span.
    const span =
      options.traceparent === undefined
        ? startProducerSpan(options.parent ?? causeTraceparent(options.causedBy?.traceparent), {
            topic,
            key,
            id,
          })
        : undefined;
    const meta: EventMetadata = {
      id,
      type: entry.type.name ?? topic,
      source: this.options.source,
      time: options.time ?? new Date(),
      specversion: '1.0',
      traceparent: options.traceparent ?? (span as ProducerSpan).traceparent,
      ...((options.subject ?? key) ? { subject: options.subject ?? key } : {}),
    };
    return {
      topic: this.namespace.physical(topic),
      meta,
      message: { key, value: encoded, headers: toHeaders(meta) },
      ...(span ? { span } : {}),
    };
  }

  /**
   * Sends prepared events in one request per broker: events of one key keep the order given. The
   * broker acknowledges all (acks=all) or the send rejects, and a retry may then send some again
   * with the same ids (consumers dedupe by id).
   */
  async sendAll(events: readonly PreparedEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.producer) throw new Error('connect({ publishes }) before sending');
    const byTopic = new Map<string, PreparedEvent['message'][]>();
    for (const event of events) {
      const messages = byTopic.get(event.topic);
      if (messages) messages.push(event.message);
      else byTopic.set(event.topic, [event.message]);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      for (const event of events) event.span?.end(error);
      throw error;
    }
    for (const event of events) event.span?.end();
  }

  /**
   * The keys whose documents this process may write outside a consumed message's handling, now: those
   * of the partitions its consumer group gave it (none before `start` has joined).
   */
  get ownership(): KeyOwnership {
    return this.partitionOwnership;
  }

  /** Registers the handler for a topic; call before `start`. */
  subscribe<T extends keyof M & string>(topic: T, handler: Handler<M[T]>): void {
    this.handlers.set(topic, handler);
  }

  /**
   * Joins the consumer group and delivers each subscribed topic's messages to its handler: one key's
   * messages one at a time and in order, different keys side by side (key-lanes.ts). A message whose
   * handling fails is never skipped and never crashes the consumer: transient failures retry it with backoff for as long as it takes; permanent ones (and unclassified
   * ones, after a few attempts) publish its original bytes to `<topic>.dlq` and go on (see deliverMessage).
   * The group id is used as given: whoever runs in a namespace names its groups too.
   * @throws DeadLetterTopicMissingError when a consumed topic has no dead-letter topic.
   */
  async start(groupId: string, options: ConsumeOptions = {}): Promise<void> {
    const topics = [...this.handlers.keys()];
    for (const topic of topics) {
      await this.catalog.requireForConsume(topic, this.options.schemas[topic as keyof M & string]);
    }
    const policy = options.retryPolicy ?? defaultConsumerRetryPolicy;
    const logger = this.options.logger.child({ groupId });
    this.groupId = groupId;
    this.stopping = new AbortController();
    await this.requireDeadLetterTopics(topics);
    this.deadLetterProducer ??= this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.deadLetterProducer.connect();
    // A shorter session than kafkajs's 30 s: a member that crashed is dropped from the group after
    // 10 s, so its restarted process takes over its partitions that much sooner.
    const consumer = this.options.kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      partitionAssigners: [KeyAffinityAssigner],
      retry: {
        // kafkajs consults this only for crashes it deems retriable; the CRASH listener below covers the rest.
        restartOnFailure: () => Promise.resolve(!this.stopping.signal.aborted),
      },
    });
    this.consumer = consumer;
    const concurrency = options.concurrency ?? defaultConcurrency;
    const run: ConsumerRunConfig = {
      partitionsConsumedConcurrently: options.partitions ?? defaultPartitionsAtOnce,
      // Offsets are resolved here, only as far as every message before them is handled.
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { topic, partition, messages } = payload.batch;
        const heartbeat = () => payload.heartbeat();
        const outcome = await runInKeyLanes(messages, {
          keyOf: (message) => message.key?.toString() ?? '',
          limit: concurrency,
          run: (message) => this.consume({ topic, partition, message, heartbeat }, groupId, policy, logger),
          shouldContinue: () => payload.isRunning() && !payload.isStale() && !this.stopping.signal.aborted,
        });
        const lastDone = messages[outcome.donePrefix - 1];
        if (lastDone) payload.resolveOffset(lastDone.offset);
        await payload.commitOffsetsIfNecessary();
        // Rethrown, as one message's failure always was: kafkajs rejoins or stops, and the rest is delivered again.
        if (outcome.failed) throw outcome.error;
      },
    };
    let restarts = 0;
    // kafkajs leaves a consumer dead after a crash it deems non-retriable (say, the broker gone long
    // enough that its own retries end in a non-retriable error). A service without its consumer would
    // look alive and do nothing, so such a consumer is started again here, with backoff, until it runs.
    const restart = (cause: unknown) => {
      restarts += 1;
      const delay = policy.delayMs(restarts);
      logger.error(
        { err: describeError(cause), restartInMs: delay },
        'consumer stopped on an error kafkajs does not restart on; restarting it',
      );
      clearTimeout(this.restartTimer);
      this.restartTimer = setTimeout(() => {
        if (this.stopping.signal.aborted) return;
        // A start that crashes again comes back through the CRASH listener; one that throws, here.
        consumer
          .connect()
          .then(() => consumer.run(run))
          .catch(restart);
      }, delay);
    };
    const ownership = this.partitionOwnership;
    ownership.reset();
    ownership.setPartitionCounts(await this.partitionCounts(topics));
    const graceMs = options.ownershipGraceMs ?? defaultOwnershipGraceMs;
    const { promise: firstSettled, resolve: settledOnce } = Promise.withResolvers<undefined>();
    consumer.on(consumer.events.GROUP_JOIN, ({ payload: joined }) => {
      restarts = 0;
      // Paused here, in the join itself: kafkajs starts fetching only after the join's listeners ran.
      const { generation, pause, resume } = ownership.joined(joined.memberId, joined.memberAssignment);
      if (hasPartitions(resume)) consumer.resume(topicPartitionList(resume));
      if (!hasPartitions(pause)) {
        settledOnce(undefined);
        return;
      }
      consumer.pause(topicPartitionList(pause));
      void consumer
        .describeGroup()
        .then(({ members }) => (members.length > 1 ? graceMs : 0))
        .catch(() => graceMs)
        .then((ms) => sleep(ms, undefined, { signal: this.stopping.signal }))
        .then(
          () => {
            const settled = ownership.settle(generation);
            if (hasPartitions(settled)) consumer.resume(topicPartitionList(settled));
            settledOnce(undefined);
          },
          () => undefined,
        );
    });
    consumer.on(consumer.events.REBALANCING, () => {
      ownership.revoked();
    });
    consumer.on(consumer.events.STOP, () => {
      ownership.reset();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      ownership.reset();
      if (this.stopping.signal.aborted) return;
      if (payload.restart)
        logger.warn({ err: describeError(payload.error) }, 'consumer crashed; kafkajs restarts it');
      else restart(payload.error);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: topics.map((topic) => this.namespace.physical(topic)),
        fromBeginning: options.fromBeginning ?? true,
      });
      await consumer.run(run);
      // Started means owning its keys: a caller may write them (a retry, a deadline) right after.
      await Promise.race([firstSettled, sleep(graceMs + 10_000, undefined, { ref: false })]);
    } catch (error) {
      // Start-up retries call start again: nothing of this attempt may linger.
      this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    await this.lagAdmin?.disconnect();
    this.lagAdmin = undefined;
    await this.deadLetterProducer?.disconnect();
    await this.producer?.disconnect();
  }

  /**
   * How far the consumer group is behind on each partition of the subscribed topics (logical names);
   * empty before `start`. Two admin requests per topic: read it at scrape time through a cache.
   */
  async consumerLag(): Promise<PartitionLag[]> {
    const groupId = this.groupId;
    if (groupId === undefined || this.stopping.signal.aborted) return [];
    const topics = [...this.handlers.keys()].map((logical) => ({
      logical,
      physical: this.namespace.physical(logical),
    }));
    const admin = (this.lagAdmin ??= this.options.kafka.admin());
    try {
      await admin.connect();
      return await readConsumerLag(admin, groupId, topics);
    } catch (error) {
      this.lagAdmin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** Reads, decodes and replays dead letters, through this client's Kafka settings, namespace and registry. */
  get deadLetters(): DeadLetters {
    return new DeadLetters(this.options.kafka, {
      topicPrefix: this.namespace.prefix,
      registry: this.options.registry,
    });
  }

  /** One message: decoded and handled, retried, or dead-lettered; throws only to leave it uncommitted. */
  private async consume(
    {
      topic: physicalTopic,
      partition,
      message,
      ...payload
    }: Pick<EachMessagePayload, 'topic' | 'partition' | 'message' | 'heartbeat'>,
    groupId: string,
    policy: ConsumerRetryPolicy,
    logger: Logger,
  ): Promise<void> {
    const topic = this.namespace.logical(physicalTopic);
    const handler = topic === undefined ? undefined : this.handlers.get(topic);
    if (topic === undefined || !handler) return;
    const producer = this.deadLetterProducer;
    if (!producer) throw new Error('the dead-letter producer is not connected; start() connects it');
    const key = message.key?.toString() ?? '';
    const consumed = { topic, partition, offset: message.offset, key, headers: message.headers, groupId };
    const observer = this.options.observer;
    // The CONSUMER span covers every attempt, so the handler's logs and outbox writes are inside it.
    const outcome = await withConsumerSpan(consumed, () =>
      deliverMessage({
        ...(observer
          ? {
              onRetry: () => {
                observer.failed(topic);
              },
            }
          : {}),
        attempt: async () => {
          const { value, context } = await this.decodeMessage(topic, partition, message);
          await handler(value as never, context);
        },
        deadLetter: async ({ error, classification, attempts }) => {
          await producer.send({
            topic: this.namespace.physical(deadLetterTopicOf(topic)),
            acks: -1,
            messages: [
              deadLetterRecord(message, {
                topic,
                partition,
                consumerGroup: groupId,
                error: describeError(error),
                classification,
                attempts,
                at: new Date(),
              }),
            ],
          });
        },
        heartbeat: () => payload.heartbeat(),
        stopping: this.stopping.signal,
        policy,
        logger,
        position: { topic, partition, offset: message.offset, key },
      }),
    );
    if (outcome === 'dead-lettered') observer?.deadLettered(topic);
  }

  /** How many partitions each consumed topic has, by its name on the broker. */
  private async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const physical = topics.map((topic) => this.namespace.physical(topic));
      const { topics: found } = await admin.fetchTopicMetadata({ topics: physical });
      return new Map(found.map(({ name, partitions }) => [name, partitions.length]));
    } finally {
      await admin.disconnect();
    }
  }

  /** Every consumed topic's `.dlq` must exist (in this namespace) before a message may need it. */
  private async requireDeadLetterTopics(topics: readonly string[]) {
    if (topics.length === 0) return;
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics
        .map((topic) => this.namespace.physical(deadLetterTopicOf(topic)))
        .filter((t) => !existing.has(t));
      if (missing.length > 0) throw new DeadLetterTopicMissingError(missing);
    } finally {
      await admin.disconnect();
    }
  }

  /** Decodes a raw Kafka message of `topic` (its logical name) into its typed value and context. */
  async decodeMessage(topic: string, partition: number, message: KafkaMessage) {
    const entry = this.catalog.get(topic);
    if (!entry) throw new Error(`"${topic}" is not a topic this client consumes`);
    const { meta, problems } = fromHeaders(message.headers);
    if (!meta) throw new MessageDecodeError(topic, problems.join(', '));
    const value = await this.decode(entry, message.value);
    const context: MessageContext = {
      ...meta,
      topic,
      key: message.key?.toString() ?? '',
      partition,
      offset: message.offset,
    };
    return { value, context };
  }

  private async encode(entry: CatalogEntry, value: unknown): Promise<Buffer> {
    const paths: string[] = [];
    if (!entry.type.isValid(value, { errorHook: (path) => paths.push(path.join('.')) })) {
      throw new MessageEncodeError(entry.topic, paths);
    }
    try {
      return await this.options.registry.encode(entry.id ?? 0, value);
    } catch (error) {
      throw new RegistryUnavailableError(this.options.registryUrl, { cause: error });
    }
  }

  private async decode(entry: CatalogEntry, buffer: Buffer | null): Promise<unknown> {
    if (!buffer || buffer.length < 5)
      throw new MessageDecodeError(entry.topic, 'shorter than the 5-byte Confluent header');
    if (buffer[0] !== 0) throw new MessageDecodeError(entry.topic, `magic byte is ${buffer[0]}, expected 0`);
    const writerId = buffer.readInt32BE(1);
    try {
      if (writerId === entry.id) return await this.options.registry.decode(buffer);
      const resolver = await this.catalog.resolverFor(entry, writerId);
      return entry.type.fromBuffer(buffer.subarray(5), resolver);
    } catch (error) {
      if (isNotFound(error))
        throw new MessageDecodeError(entry.topic, `unknown schema id ${writerId}`, { cause: error });
      if ((error as { status?: number }).status !== undefined) {
        throw new RegistryUnavailableError(this.options.registryUrl, { cause: error });
      }
      throw new MessageDecodeError(entry.topic, (error as Error).message, { cause: error });
    }
  }
}

function hasPartitions(partitions: TopicPartitions): boolean {
  return Object.values(partitions).some((list) => list.length > 0);
}

function topicPartitionList(partitions: TopicPartitions) {
  return Object.entries(partitions).map(([topic, list]) => ({ topic, partitions: [...list] }));
}
