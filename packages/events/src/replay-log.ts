import type { Admin, KafkaMessage, Message } from 'kafkajs';
import { type RecordPosition, type ReplayedTo } from './dead-letter.ts';

/** Suffix of a dead-letter topic's replay log: `order.created.dlq` → `order.created.dlq.replays`. */
export const REPLAY_LOG_SUFFIX = '.replays';

/** The replay log of a `.dlq` topic (both logical names). */
export function replayLogTopicOf(deadLetterTopic: string): string {
  return `${deadLetterTopic}${REPLAY_LOG_SUFFIX}`;
}

/**
 * Replay logs: one partition, compacted. Keyed by the dead letter's `<partition>/<offset>`, so
 * compaction keeps the newest replay of each dead letter and the log never outgrows its `.dlq` topic.
 */
export const replayLogTopicConfig = {
  partitions: 1,
  configEntries: [
    { name: 'cleanup.policy', value: 'compact' },
    { name: 'retention.ms', value: '-1' },
  ],
} as const;

/** One replay: which dead letter went where, and when. */
export interface ReplayLogEntry {
  readonly from: RecordPosition;
  readonly to: RecordPosition;
  readonly at: string;
}

/**
 * The log's record of a replay. The value is JSON, not Avro: only this tool reads it, and it must be
 * readable when the registry is not.
 */
export function replayLogMessage(entry: ReplayLogEntry): Message {
  return {
    key: `${entry.from.partition}/${entry.from.offset}`,
    value: JSON.stringify(entry),
  };
}

/** A record of the log; undefined for one that is not an entry (a tombstone, or something else). */
export function parseReplayLogEntry(message: Pick<KafkaMessage, 'value'>): ReplayLogEntry | undefined {
  if (!message.value) return undefined;
  try {
    const entry = JSON.parse(message.value.toString()) as Partial<ReplayLogEntry>;
    if (!isPosition(entry.from) || !isPosition(entry.to) || typeof entry.at !== 'string') return undefined;
    return { from: entry.from, to: entry.to, at: entry.at };
  } catch {
    return undefined;
  }
}

/** The newest replay of each dead letter in `entries` (read oldest first), by `<partition>/<offset>`. */
export function latestReplays(entries: readonly ReplayLogEntry[]): Map<string, ReplayedTo> {
  const latest = new Map<string, ReplayedTo>();
  for (const entry of entries)
    latest.set(`${entry.from.partition}/${entry.from.offset}`, { at: entry.at, to: entry.to });
  return latest;
}

/**
 * Creates the replay log (its broker name) when it does not exist yet, as ensureTopics creates the
 * platform's topics. Replays are rare, so the log is made by the first replay of a `.dlq` topic
 * rather than beside every topic at bootstrap.
 */
export async function ensureReplayLogTopic(admin: Admin, physicalTopic: string): Promise<void> {
  if ((await admin.listTopics()).includes(physicalTopic)) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: physicalTopic,
        numPartitions: replayLogTopicConfig.partitions,
        configEntries: [...replayLogTopicConfig.configEntries],
      },
    ],
  });
}

function isPosition(value: unknown): value is RecordPosition {
  const p = value as Partial<RecordPosition> | undefined;
  return typeof p?.topic === 'string' && typeof p.partition === 'number' && typeof p.offset === 'string';
}
