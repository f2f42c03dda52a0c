import type { DeadLetterClassification, ErrorDescription } from './error-classification.ts';
import type { OutgoingRecord, RawRecord, RecordHeaders } from './kafka-record.ts';

/** Suffix of a topic's dead-letter topic: `order.created` → `order.created.dlq`. */
export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}

/**
 * Headers a dead-letter record carries besides the original message's own headers. All start with
 * `dlq.`, so they never collide with the CloudEvents `ce_` headers, and a replay strips exactly them.
 */
export const DeadLetterHeaders = {
  /** Topic the message was consumed from, by its logical name (without a namespace's prefix). */
  originalTopic: 'dlq.original.topic',
  originalPartition: 'dlq.original.partition',
  originalOffset: 'dlq.original.offset',
  /** The original record's Kafka timestamp, milliseconds since the epoch. */
  originalTimestamp: 'dlq.original.timestamp',
  /** The consumer group that gave up on it (the service's name for the platform's services). */
  consumerGroup: 'dlq.consumer.group',
  /** The error's class name, e.g. MessageDecodeError. */
  errorClass: 'dlq.error.class',
  /** The error's `code`, e.g. MESSAGE_UNDECODABLE; absent when it has none. */
  errorCode: 'dlq.error.code',
  errorMessage: 'dlq.error.message',
  /** `permanent` (the error said retrying cannot help) or `unclassified` (it said nothing; retries ran out). */
  classification: 'dlq.classification',
  /** How many times the message was tried before it was dead-lettered. */
  attempts: 'dlq.attempts',
  /** When it was dead-lettered, ISO 8601. */
  deadLetteredAt: 'dlq.dead-lettered-at',
  /** On a replayed message: the dead letter it came from, `<dlq topic>/<partition>/<offset>`. */
  replayedFrom: 'dlq.replayed-from',
  /** On a replayed message: when it was replayed, ISO 8601. */
  replayedAt: 'dlq.replayed-at',
  /** On a replayed message: how many replays it has been through (1 for the first replay of a message). */
  replayCount: 'dlq.replay-count',
} as const;

/** The `dlq.` headers a replay adds, which stay with the message when it is dead-lettered again. */
const PROVENANCE_HEADERS: readonly string[] = [
  DeadLetterHeaders.replayedFrom,
  DeadLetterHeaders.replayedAt,
  DeadLetterHeaders.replayCount,
];

const DLQ_HEADER_PREFIX = 'dlq.';
/** Headers are for people and tools, not for stack traces: longer messages are cut. */
const MAX_ERROR_MESSAGE_LENGTH = 2000;

/** Why and where a message was given up on. */
export interface DeadLetterFailure {
  readonly topic: string;
  readonly partition: number;
  readonly consumerGroup: string;
  readonly error: ErrorDescription;
  readonly classification: DeadLetterClassification;
  readonly attempts: number;
  readonly at: Date;
}

/**
 * The dead-letter record of a message: its key, value bytes and headers exactly as consumed (no
 * re-encoding: bytes that did not decode could not be), plus the `dlq.` headers saying where it came
 * from and why it was given up on. Stale `dlq.` headers of an earlier dead-lettering are replaced;
 * the replay provenance (`dlq.replayed-from`, `-at`, `dlq.replay-count`) is kept, so a replayed
 * message that fails again says so.
 */
export function deadLetterRecord(message: RawRecord, failure: DeadLetterFailure): OutgoingRecord {
  const headers = withoutDeadLetterHeaders(message.headers ?? {});
  const errorMessage =
    failure.error.message.length > MAX_ERROR_MESSAGE_LENGTH
      ? `${failure.error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…`
      : failure.error.message;
  Object.assign(headers, {
    [DeadLetterHeaders.originalTopic]: failure.topic,
    [DeadLetterHeaders.originalPartition]: String(failure.partition),
    [DeadLetterHeaders.originalOffset]: message.offset,
    [DeadLetterHeaders.originalTimestamp]: message.timestamp,
    [DeadLetterHeaders.consumerGroup]: failure.consumerGroup,
    [DeadLetterHeaders.errorClass]: failure.error.name,
    ...(failure.error.code === undefined ? {} : { [DeadLetterHeaders.errorCode]: failure.error.code }),
    [DeadLetterHeaders.errorMessage]: errorMessage,
    [DeadLetterHeaders.classification]: failure.classification,
    [DeadLetterHeaders.attempts]: String(failure.attempts),
    [DeadLetterHeaders.deadLetteredAt]: failure.at.toISOString(),
  });
  return { key: message.key, value: message.value, headers };
}

/** Where a record is: topic (logical name), partition and offset. */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** What a dead letter's headers say about the replay it came from, when it is a replay that failed again. */
export interface ReplayOf extends RecordPosition {
  /** When that replay was sent, ISO 8601. */
  readonly at: string;
  /** How many replays the message has been through. */
  readonly count: number;
}

/** That a dead letter was replayed (from the replay records): when, and where the copy went. */
export interface ReplayedTo {
  readonly at: string;
  readonly to: RecordPosition;
}

/** A dead letter as read back from a `.dlq` topic. */
export interface DeadLetter {
  /** Where the dead letter itself is: the `.dlq` topic, partition and offset (what replay takes). */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** The original message's headers, without the `dlq.` ones (except the replay provenance it carried). */
  readonly headers: RecordHeaders;
  /** The `dlq.` headers the dead-lettering wrote, as text: what the fields below were read from. */
  readonly deadLetterHeaders: Readonly<Record<string, string>>;
  readonly original: {
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
    readonly timestamp: string;
  };
  readonly consumerGroup: string;
  readonly error: ErrorDescription;
  readonly classification: string;
  readonly attempts: number;
  readonly deadLetteredAt: string;
  /** The dead letter whose replay this message was, or null when it is no replay. */
  readonly replayOf: ReplayOf | null;
  /**
   * Whether it was replayed, and where to. `parseDeadLetter` sees one record and cannot know, so it
   * says null; `DeadLetters.list` and `get` fill it in from the replay records.
   */
  readonly replayed: ReplayedTo | null;
}

/** Reads a record of a `.dlq` topic; a record without `dlq.original.topic` is not a dead letter (undefined). */
export function parseDeadLetter(
  topic: string,
  partition: number,
  message: RawRecord,
): DeadLetter | undefined {
  const all = message.headers ?? {};
  const read = (name: string) => headerText(all[name]);
  const originalTopic = read(DeadLetterHeaders.originalTopic);
  if (originalTopic === undefined) return undefined;
  const headers = withoutDeadLetterHeaders(all);
  const deadLetterHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) {
    const text = headerText(value);
    if (name.startsWith(DLQ_HEADER_PREFIX) && !PROVENANCE_HEADERS.includes(name) && text !== undefined)
      deadLetterHeaders[name] = text;
  }
  const code = read(DeadLetterHeaders.errorCode);
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers,
    deadLetterHeaders,
    original: {
      topic: originalTopic,
      partition: Number(read(DeadLetterHeaders.originalPartition) ?? -1),
      offset: read(DeadLetterHeaders.originalOffset) ?? '',
      timestamp: read(DeadLetterHeaders.originalTimestamp) ?? '',
    },
    consumerGroup: read(DeadLetterHeaders.consumerGroup) ?? '',
    error: {
      name: read(DeadLetterHeaders.errorClass) ?? '',
      ...(code === undefined ? {} : { code }),
      message: read(DeadLetterHeaders.errorMessage) ?? '',
    },
    classification: read(DeadLetterHeaders.classification) ?? '',
    attempts: Number(read(DeadLetterHeaders.attempts) ?? 0),
    deadLetteredAt: read(DeadLetterHeaders.deadLetteredAt) ?? '',
    replayOf: parseReplayOf(headers),
    replayed: null,
  };
}

/** The replay provenance in a message's headers; null when it has none or it is not `<topic>/<partition>/<offset>`. */
export function parseReplayOf(headers: RecordHeaders): ReplayOf | null {
  const from = headerText(headers[DeadLetterHeaders.replayedFrom]);
  const match = from === undefined ? null : /^(.+)\/(\d+)\/(\d+)$/.exec(from);
  if (!match) return null;
  const [, topic = '', partition = '', offset = ''] = match;
  // A replay by a version that wrote no count was the first.
  const count = Number(headerText(headers[DeadLetterHeaders.replayCount]) ?? 1);
  return {
    topic,
    partition: Number(partition),
    offset,
    at: headerText(headers[DeadLetterHeaders.replayedAt]) ?? '',
    count: Number.isInteger(count) && count > 0 ? count : 1,
  };
}

/**
 * The message a replay sends to the original topic: the original key, bytes and headers, with
 * `dlq.replayed-from` naming the dead letter, `dlq.replayed-at`, and `dlq.replay-count` one more than
 * the dead letter's own (a replay of a replay counts 2). The CloudEvents id is unchanged, so a consumer
 * that had applied it after all (dedupe by `ce_id`) ignores the repeat.
 */
export function replayRecord(
  deadLetter: Pick<DeadLetter, 'topic' | 'partition' | 'offset' | 'key' | 'value' | 'headers' | 'replayOf'>,
  at: Date,
): OutgoingRecord {
  const headers: RecordHeaders = {};
  for (const [name, value] of Object.entries(deadLetter.headers)) {
    if (PROVENANCE_HEADERS.includes(name)) continue;
    headers[name] = value;
  }
  headers[DeadLetterHeaders.replayedFrom] =
    `${deadLetter.topic}/${deadLetter.partition}/${deadLetter.offset}`;
  headers[DeadLetterHeaders.replayedAt] = at.toISOString();
  headers[DeadLetterHeaders.replayCount] = String((deadLetter.replayOf?.count ?? 0) + 1);
  return { key: deadLetter.key, value: deadLetter.value, headers };
}

/** The headers a message had before it was dead-lettered: no `dlq.` headers, except its replay provenance. */
function withoutDeadLetterHeaders(headers: RecordHeaders): RecordHeaders {
  const kept: RecordHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name.startsWith(DLQ_HEADER_PREFIX) && !PROVENANCE_HEADERS.includes(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/** A header's value as text: clients hand them over as Buffers (or arrays of them when repeated). */
export function headerText(value: RecordHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
