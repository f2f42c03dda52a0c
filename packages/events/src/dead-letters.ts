import { randomUUID } from 'node:crypto';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { PlatformError } from '@saga/errors';
import {
  deadLetterTopicOf,
  isDeadLetterTopic,
  parseDeadLetter,
  replayRecord,
  type DeadLetter,
  type RecordPosition,
  type ReplayedTo,
} from './dead-letter.ts';
import { isFiltering, matchesDeadLetterFilter, type DeadLetterFilter } from './dead-letter-filter.ts';
import { DeadLetterValueDecoder, type DecodedValue } from './dead-letter-value.ts';
import { planReplayAll, type ReplayAllOptions, type SkippedDeadLetter } from './replay-plan.ts';
import {
  ensureReplayLogTopic,
  latestReplays,
  parseReplayLogEntry,
  replayLogMessage,
  replayLogTopicOf,
  type ReplayLogEntry,
} from './replay-log.ts';
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

/** A dead letter was replayed before; sending it again needs saying so (`--again`, `{"again": true}`). */
export class DeadLetterAlreadyReplayedError extends PlatformError {
  readonly code = 'DEAD_LETTER_ALREADY_REPLAYED';
  readonly retriable = false;
  constructor(
    readonly deadLetter: RecordPosition,
    readonly replayed: ReplayedTo,
  ) {
    const { to } = replayed;
    super(
      `${deadLetter.topic}/${deadLetter.partition}/${deadLetter.offset} was already replayed to ${to.topic}/${to.partition}/${to.offset} at ${replayed.at}; replay it again with --again (HTTP: "again": true)`,
    );
  }
}

/** What a replay did: which dead letter went where, and when. */
export interface Replayed {
  readonly from: RecordPosition;
  readonly to: RecordPosition;
  readonly at: string;
}

/** A replay's answer: what it sent where, and what it left alone and why. */
export interface ReplayOutcome {
  readonly replayed: readonly Replayed[];
  readonly skipped: readonly SkippedDeadLetter[];
}

export interface ListOptions extends DeadLetterFilter {
  /** At most this many: the newest ones that pass the filter (default 100). */
  readonly limit?: number;
}

export interface DeadLettersOptions {
  /** The namespace's prefix (KAFKA_TOPIC_PREFIX). */
  readonly topicPrefix?: string;
  /** The event client's registry client, which `decodeValues` decodes through; without one, values stay bytes. */
  readonly registry?: Pick<SchemaRegistry, 'decode'>;
  readonly now?: () => Date;
}

/**
 * Kafka timestamps (the producer's clock) and the times in headers (the dead-lettering or replaying
 * process's clock) can disagree; a time filter starts reading this much early and filters on the header.
 */
const CLOCK_MARGIN_MS = 5 * 60_000;

type Range = { partition: number; from: bigint; to: bigint };

/**
 * Reads and replays the dead letters of `.dlq` topics, and keeps a replay log beside each.
 *
 * Reading uses the admin API for each partition's first and next offset (and, for a time filter, the
 * offset at a time), then a short-lived consumer in a group of its own (`saga-dlq-reader-<uuid>`) that
 * commits nothing, seeks to where it should start, stops at the end it saw, and whose group is deleted
 * afterwards. A topic with nothing in the range is answered from the offsets alone, without a consumer.
 *
 * Every replay is recorded in `<topic>.dlq.replays` (see replay-log.ts): listing shows each letter's
 * `replayed`, and `replayAll` leaves replayed letters alone. The log is read only from the oldest
 * listed letter's time on, so reading it costs what the replays since then cost, not the log's history.
 *
 * Topics are logical names, here as in the event client: with a `topicPrefix` (KAFKA_TOPIC_PREFIX) it
 * reads `<prefix><topic>.dlq` and replays to `<prefix><topic>`, and the dead letters it returns name
 * their `.dlq` and original topic without the prefix.
 */
export class DeadLetters {
  private readonly namespace: TopicNamespace;
  private readonly now: () => Date;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: DeadLettersOptions = {},
  ) {
    this.namespace = new TopicNamespace(options.topicPrefix);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The newest `limit` dead letters of a `.dlq` topic (or of the dead-letter topic of `topic`) that pass
   * the filter, oldest first, each with its replay (or null). Without a filter only the newest `limit`
   * records are read; a key filter reads the whole topic, a time filter the records of its window.
   */
  async list(topic: string, options: ListOptions = {}): Promise<DeadLetter[]> {
    const dlq = isDeadLetterTopic(topic) ? topic : deadLetterTopicOf(topic);
    const limit = options.limit ?? 100;
    const physical = this.namespace.physical(dlq);
    const admin = this.kafka.admin();
    await admin.connect();
    let ranges: Range[];
    try {
      await this.requireTopic(admin, physical);
      const offsets = await admin.fetchTopicOffsets(physical);
      const startAt = options.since
        ? await this.offsetsAt(admin, physical, options.since.getTime() - CLOCK_MARGIN_MS)
        : undefined;
      const endAt = options.until
        ? await this.offsetsAt(admin, physical, options.until.getTime() + CLOCK_MARGIN_MS)
        : undefined;
      const filtering = isFiltering(options);
      ranges = offsets.map(({ partition, low, high }) => {
        const end = min(BigInt(high), endAt?.get(partition) ?? BigInt(high));
        const newest = filtering ? BigInt(low) : end - BigInt(limit);
        const start = max(BigInt(low), newest, startAt?.get(partition) ?? BigInt(low));
        return { partition, from: start, to: end };
      });
    } finally {
      await admin.disconnect();
    }
    const letters = (await this.read(physical, ranges))
      .map(({ partition, message }) => parseDeadLetter(dlq, partition, message))
      .filter((l): l is DeadLetter => l !== undefined && matchesDeadLetterFilter(l, options))
      // Per partition the newest; across partitions, the newest `limit` by dead-lettering time.
      .sort(byDeadLetteredAt)
      .slice(-limit);
    return this.withReplays(dlq, letters);
  }

  /** One dead letter, by its position in the `.dlq` topic, with its replay (or null). */
  async get(topic: string, partition: number, offset: string): Promise<DeadLetter> {
    if (!isDeadLetterTopic(topic))
      throw new NotADeadLetterTopicError(
        topic,
        `is not a dead-letter topic; did you mean "${deadLetterTopicOf(topic)}"?`,
      );
    if (!/^\d+$/.test(offset)) throw new DeadLetterNotFoundError(topic, partition, offset);
    const physical = this.namespace.physical(topic);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await this.requireTopic(admin, physical);
      const range = (await admin.fetchTopicOffsets(physical)).find((p) => p.partition === partition);
      if (!range || BigInt(offset) < BigInt(range.low) || BigInt(offset) >= BigInt(range.high))
        throw new DeadLetterNotFoundError(topic, partition, offset);
    } finally {
      await admin.disconnect();
    }
    const [record] = await this.read(physical, [
      { partition, from: BigInt(offset), to: BigInt(offset) + 1n },
    ]);
    const found = record && parseDeadLetter(topic, partition, record.message);
    if (!found) throw new DeadLetterNotFoundError(topic, partition, offset);
    const [withReplay] = await this.withReplays(topic, [found]);
    return withReplay ?? found;
  }

  /** The dead letters' values decoded through the registry (see DeadLetterValueDecoder), in order. */
  async decodeValues(letters: readonly DeadLetter[]): Promise<DecodedValue[]> {
    const registry = this.options.registry;
    if (!registry)
      return letters.map(() => ({
        json: null,
        schemaId: null,
        decodeError: 'no schema registry to decode with',
      }));
    const decoder = new DeadLetterValueDecoder(registry);
    const decoded: DecodedValue[] = [];
    for (const letter of letters) decoded.push(await decoder.decode(letter.value));
    return decoded;
  }

  /**
   * Replays one dead letter. One already replayed is refused unless `again`.
   * @throws DeadLetterNotFoundError | NotADeadLetterTopicError | DeadLetterAlreadyReplayedError
   */
  async replayOne(
    topic: string,
    partition: number,
    offset: string,
    options: { readonly again?: boolean } = {},
  ): Promise<ReplayOutcome> {
    const letter = await this.get(topic, partition, offset);
    if (letter.replayed && options.again !== true)
      throw new DeadLetterAlreadyReplayedError(
        { topic: letter.topic, partition: letter.partition, offset: letter.offset },
        letter.replayed,
      );
    return { replayed: await this.replay([letter]), skipped: [] };
  }

  /** Replays every dead letter of a `.dlq` topic that was not replayed yet, oldest first (see planReplayAll). */
  async replayAll(topic: string, options: ReplayAllOptions = {}): Promise<ReplayOutcome> {
    if (!isDeadLetterTopic(topic))
      throw new NotADeadLetterTopicError(
        topic,
        `is not a dead-letter topic; did you mean "${deadLetterTopicOf(topic)}"?`,
      );
    const plan = planReplayAll(await this.list(topic, { limit: Number.MAX_SAFE_INTEGER }), options);
    return { replayed: await this.replay(plan.send), skipped: plan.skipped };
  }

  /**
   * Sends dead letters back to their original topic, with their original key, bytes and headers plus
   * the replay provenance (see replayRecord), and records each in the replay log. The dead letters stay
   * where they are (a topic is append-only); consumers dedupe by `ce_id`, so a repeat changes nothing.
   *
   * Each is sent first and recorded after: should recording fail, the letter is only replayed again
   * by a later `replayAll`, which dedupe makes harmless; recording first could mark a letter replayed
   * that never was.
   */
  async replay(deadLetters: readonly DeadLetter[]): Promise<Replayed[]> {
    if (deadLetters.length === 0) return [];
    const logs = new Set(deadLetters.map((l) => this.namespace.physical(replayLogTopicOf(l.topic))));
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const log of logs) await ensureReplayLogTopic(admin, log);
    } finally {
      await admin.disconnect();
    }
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      const replayed: Replayed[] = [];
      for (const letter of deadLetters) {
        const at = this.now();
        const [sent] = await producer.send({
          topic: this.namespace.physical(letter.original.topic),
          acks: -1,
          messages: [replayRecord(letter, at)],
        });
        const entry: Replayed = {
          from: { topic: letter.topic, partition: letter.partition, offset: letter.offset },
          to: {
            topic: letter.original.topic,
            partition: sent?.partition ?? -1,
            offset: sent?.baseOffset ?? '',
          },
          at: at.toISOString(),
        };
        await producer.send({
          topic: this.namespace.physical(replayLogTopicOf(letter.topic)),
          acks: -1,
          messages: [replayLogMessage(entry)],
        });
        replayed.push(entry);
      }
      return replayed;
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * The letters with `replayed` from the replay log, read from shortly before the oldest letter was
   * dead-lettered (a replay comes after its letter) to the log's end.
   */
  private async withReplays(dlq: string, letters: readonly DeadLetter[]): Promise<DeadLetter[]> {
    if (letters.length === 0) return [];
    const log = this.namespace.physical(replayLogTopicOf(dlq));
    const times = letters.map((l) => Date.parse(l.deadLetteredAt)).filter((t) => !Number.isNaN(t));
    const oldest = times.length === letters.length ? Math.min(...times) - CLOCK_MARGIN_MS : undefined;
    const admin = this.kafka.admin();
    await admin.connect();
    let ranges: Range[];
    try {
      if (!(await admin.listTopics()).includes(log)) return [...letters];
      const offsets = await admin.fetchTopicOffsets(log);
      const startAt = oldest === undefined ? undefined : await this.offsetsAt(admin, log, oldest);
      ranges = offsets.map(({ partition, low, high }) => ({
        partition,
        from: max(BigInt(low), startAt?.get(partition) ?? BigInt(low)),
        to: BigInt(high),
      }));
    } finally {
      await admin.disconnect();
    }
    const entries = (await this.read(log, ranges))
      .sort(
        (a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)),
      )
      .map(({ message }) => parseReplayLogEntry(message))
      .filter((e): e is ReplayLogEntry => e !== undefined);
    const latest = latestReplays(entries);
    return letters.map((l) => ({ ...l, replayed: latest.get(`${l.partition}/${l.offset}`) ?? null }));
  }

  private async requireTopic(admin: Admin, physical: string) {
    if (!(await admin.listTopics()).includes(physical))
      throw new NotADeadLetterTopicError(
        physical,
        'does not exist; start the stack (its bootstrap creates every .dlq topic)',
      );
  }

  /** Per partition, the first offset whose Kafka timestamp is at or after `ms` (the end when none is). */
  private async offsetsAt(admin: Admin, physical: string, ms: number): Promise<Map<number, bigint>> {
    const offsets = await admin.fetchTopicOffsetsByTimestamp(physical, Math.max(0, ms));
    return new Map(offsets.map(({ partition, offset }) => [partition, BigInt(offset)]));
  }

  /**
   * The records in [from, to) of each partition of a topic (its broker name), by a consumer that
   * commits nothing and is cleaned up; in no particular order.
   */
  private async read(
    topic: string,
    ranges: readonly Range[],
  ): Promise<{ partition: number; message: KafkaMessage }[]> {
    const wanted = ranges.filter((r) => r.to > r.from);
    if (wanted.length === 0) return [];
    const groupId = `saga-dlq-reader-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    // Keyed by position: a message read before the seek took effect and again after it counts once.
    const found = new Map<string, { partition: number; message: KafkaMessage }>();
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
                found.set(`${partition}/${message.offset}`, { partition, message });
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

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function max(first: bigint, ...rest: bigint[]): bigint {
  return rest.reduce((m, v) => (v > m ? v : m), first);
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
