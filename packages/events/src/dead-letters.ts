import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { PlatformError } from '@saga/errors';
import {
  deadLetterTopicOf,
  isDeadLetterTopic,
  parseDeadLetter,
  replayRecord,
  type DeadLetter,
} from './dead-letter.ts';
import { TopicNamespace } from './topic-namespace.ts';

/** A dead letter that was asked for is not there. */
export class DeadLetterNotFoundError extends PlatformError {
  readonly code = 'DEAD_LETTER_NOT_FOUND';
  readonly retriable = false;
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
  ) {
    super(
      `no dead letter at ${topic}/${partition}/${offset}; list them with \`npm run dlq -- list --topic ${topic}\``,
    );
  }
}

/** The topic named is not one whose dead letters can be read here. */
export class NotADeadLetterTopicError extends PlatformError {
  readonly code = 'NOT_A_DEAD_LETTER_TOPIC';
  readonly retriable = false;
  constructor(
    readonly topic: string,
    reason: string,
  ) {
    super(`"${topic}" ${reason}`);
  }
}

/** What a replay did: which dead letter went where. */
export interface Replayed {
  readonly from: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly to: { readonly topic: string; readonly partition: number; readonly offset: string };
}

export interface ListOptions {
  /** At most this many per topic: the newest ones (default 100). */
  readonly limit?: number;
}

/**
 * Reads and replays the dead letters of `.dlq` topics.
 *
 * Reading uses the admin API for each partition's first and next offset, then a short-lived consumer
 * in a group of its own (`saga-dlq-reader-<uuid>`) that commits nothing, seeks to where it should start,
 * stops at the end it saw, and whose group is deleted afterwards. A topic with nothing in it is answered
 * from the offsets alone, without a consumer.
 *
 * Topics are logical names, here as in the event client: with a `topicPrefix` (KAFKA_TOPIC_PREFIX) it
 * reads `<prefix><topic>.dlq` and replays to `<prefix><topic>`, and the dead letters it returns name
 * their `.dlq` and original topic without the prefix.
 */
export class DeadLetters {
  private readonly namespace: TopicNamespace;

  constructor(
    private readonly kafka: Kafka,
    options: { readonly topicPrefix?: string } = {},
  ) {
    this.namespace = new TopicNamespace(options.topicPrefix);
  }

  /** The newest `limit` dead letters of a `.dlq` topic (or of the dead-letter topic of `topic`), oldest first. */
  async list(topic: string, options: ListOptions = {}): Promise<DeadLetter[]> {
    const dlq = isDeadLetterTopic(topic) ? topic : deadLetterTopicOf(topic);
    const limit = options.limit ?? 100;
    const admin = this.kafka.admin();
    await admin.connect();
    let ranges: { partition: number; from: bigint; to: bigint }[];
    try {
      if (!(await admin.listTopics()).includes(this.namespace.physical(dlq)))
        throw new NotADeadLetterTopicError(
          this.namespace.physical(dlq),
          'does not exist; start the stack (its bootstrap creates every .dlq topic)',
        );
      const offsets = await admin.fetchTopicOffsets(this.namespace.physical(dlq));
      ranges = offsets.map(({ partition, low, high }) => {
        const end = BigInt(high);
        const start = BigInt(low) > end - BigInt(limit) ? BigInt(low) : end - BigInt(limit);
        return { partition, from: start, to: end };
      });
    } finally {
      await admin.disconnect();
    }
    // Per partition the newest `limit`; across partitions, the newest `limit` of those by dead-lettering time.
    return (await this.read(dlq, ranges)).sort(byDeadLetteredAt).slice(-limit);
  }

  /** One dead letter, by its position in the `.dlq` topic. */
  async get(topic: string, partition: number, offset: string): Promise<DeadLetter> {
    if (!isDeadLetterTopic(topic))
      throw new NotADeadLetterTopicError(
        topic,
        `is not a dead-letter topic; did you mean "${deadLetterTopicOf(topic)}"?`,
      );
    if (!/^\d+$/.test(offset)) throw new DeadLetterNotFoundError(topic, partition, offset);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(this.namespace.physical(topic)))
        throw new NotADeadLetterTopicError(
          this.namespace.physical(topic),
          'does not exist; start the stack (its bootstrap creates every .dlq topic)',
        );
      const range = (await admin.fetchTopicOffsets(this.namespace.physical(topic))).find(
        (p) => p.partition === partition,
      );
      if (!range || BigInt(offset) < BigInt(range.low) || BigInt(offset) >= BigInt(range.high))
        throw new DeadLetterNotFoundError(topic, partition, offset);
    } finally {
      await admin.disconnect();
    }
    const [found] = await this.read(topic, [{ partition, from: BigInt(offset), to: BigInt(offset) + 1n }]);
    if (!found) throw new DeadLetterNotFoundError(topic, partition, offset);
    return found;
  }

  /**
   * Sends dead letters back to their original topic, with their original key, bytes and headers plus
   * `dlq.replayed-from`. The dead letters stay where they are (a topic is append-only); consumers dedupe
   * by `ce_id`, so replaying one twice changes nothing more.
   */
  async replay(deadLetters: readonly DeadLetter[], now: () => Date = () => new Date()): Promise<Replayed[]> {
    if (deadLetters.length === 0) return [];
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const replayed: Replayed[] = [];
      for (const letter of deadLetters) {
        const [sent] = await producer.send({
          topic: this.namespace.physical(letter.original.topic),
          acks: -1,
          messages: [replayRecord(letter, now())],
        });
        replayed.push({
          from: { topic: letter.topic, partition: letter.partition, offset: letter.offset },
          to: {
            topic: letter.original.topic,
            partition: sent?.partition ?? -1,
            offset: sent?.baseOffset ?? '',
          },
        });
      }
      return replayed;
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * The dead letters in [from, to) of each partition of the logical `.dlq` topic, by a consumer that
   * commits nothing and is cleaned up.
   */
  private async read(
    logicalTopic: string,
    ranges: readonly { partition: number; from: bigint; to: bigint }[],
  ): Promise<DeadLetter[]> {
    const topic = this.namespace.physical(logicalTopic);
    const wanted = ranges.filter((r) => r.to > r.from);
    if (wanted.length === 0) return [];
    const groupId = `saga-dlq-reader-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    // Keyed by position: a message read before the seek took effect and again after it counts once.
    const found = new Map<string, DeadLetter>();
    const pending = new Map(wanted.map((r) => [r.partition, r]));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const done = new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          reject(payload.error);
        });
        void consumer
          .run({
            autoCommit: false,
            eachMessage: ({ partition, message }: { partition: number; message: KafkaMessage }) => {
              const range = pending.get(partition);
              const offset = BigInt(message.offset);
              if (range && offset >= range.from && offset < range.to) {
                const letter = parseDeadLetter(logicalTopic, partition, message);
                if (letter) found.set(`${partition}/${message.offset}`, letter);
                if (offset === range.to - 1n) pending.delete(partition);
              }
              if (pending.size === 0) resolve();
              return Promise.resolve();
            },
          })
          .then(() => {
            // Assigned now: start each partition where the range starts rather than at its beginning.
            for (const r of wanted)
              consumer.seek({ topic, partition: r.partition, offset: r.from.toString() });
          }, reject);
      });
      await withTimeout(done, 30_000, `reading ${topic} did not finish within 30 s`);
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.deleteGroup(groupId);
    }
    return [...found.values()];
  }

  private async deleteGroup(groupId: string) {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    } catch {
      // Best effort: an empty group without offsets expires on its own.
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

function byDeadLetteredAt(a: DeadLetter, b: DeadLetter): number {
  if (a.deadLetteredAt !== b.deadLetteredAt) return a.deadLetteredAt < b.deadLetteredAt ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return Number(BigInt(a.offset) - BigInt(b.offset));
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          reject(new Error(message));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
