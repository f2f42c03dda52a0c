import { Partitioners, type PartitionMetadata } from 'kafkajs';

/** Partitions by topic (its name on the broker). */
export type TopicPartitions = Readonly<Record<string, readonly number[]>>;

/**
 * Which keys this process may write outside the handling of a consumed message: the keys whose
 * partitions its consumer group gave it. A consumer's handler needs no such check (Kafka hands a
 * partition's messages to one member), but other writers of the same documents do: a deadline
 * scheduler, an outbox relay's removals, an operator's retry. With several replicas of a service, each
 * of them writes only the documents of the keys it owns, so every document keeps a single writer.
 */
export interface KeyOwnership {
  owns(key: string): boolean;
  /** Calls `listener` whenever keys become owned (after a join and its grace); returns the unsubscribe. */
  onGained(listener: () => void): () => void;
}

/**
 * The consumer's side of KeyOwnership, driven by the group's events (event-client.ts):
 *
 * - A rebalance begins (kafkajs has let the batches in flight finish): nothing is owned any more, at
 *   once, before this member joins again, so no new write outside the consumer starts.
 * - A join gives an assignment. Partitions this member had in its previous generation, as the same
 *   member, are owned again at once: nobody else had them in between. The others are gained: the member
 *   that had them may still be finishing one write outside its consumer, begun before it saw the
 *   rebalance. So a gained partition is paused and not owned until `graceMs` has passed, when other
 *   members are in the group; alone in it, nobody else can be writing, and it is owned at once.
 * - The consumer stops or crashes: nothing is owned, and the next join starts afresh.
 *
 * A key is owned when its partition in every consumed topic is (the key-affinity assigner makes them
 * one member's). Its partition is the producer's: murmur2 of the key modulo the partition count.
 */
export class PartitionOwnership implements KeyOwnership {
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly metadataByCount = new Map<number, PartitionMetadata[]>();
  private partitionCounts = new Map<string, number>();
  private owned = new Map<string, Set<number>>();
  /** Gained partitions waiting for their grace (paused meanwhile). */
  private pending = new Map<string, Set<number>>();
  private previous: { memberId: string; assignment: TopicPartitions } | undefined;
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  /** How many partitions each consumed topic has (fetched when the consumer starts). */
  setPartitionCounts(counts: ReadonlyMap<string, number>): void {
    this.partitionCounts = new Map(counts);
  }

  owns(key: string): boolean {
    if (this.partitionCounts.size === 0) return false;
    for (const [topic, count] of this.partitionCounts) {
      if (!this.owned.get(topic)?.has(this.partitionOf(topic, key, count))) return false;
    }
    return true;
  }

  onGained(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * A join's assignment. Returns the generation (for `settle`), the partitions gained, which the
   * consumer pauses until they are settled, and the partitions a previous join paused that this one
   * keeps no more or keeps owned: the consumer resumes those.
   */
  joined(
    memberId: string,
    assignment: TopicPartitions,
  ): { generation: number; pause: TopicPartitions; resume: TopicPartitions } {
    this.generation += 1;
    // What the previous join gave and its grace made owned; a partition still in its grace is gained again.
    const before = this.previous?.memberId === memberId ? this.previous.assignment : {};
    const kept = new Map<string, Set<number>>();
    const gained = new Map<string, Set<number>>();
    for (const [topic, partitions] of Object.entries(assignment)) {
      const had = new Set((before[topic] ?? []).filter((p) => !this.pending.get(topic)?.has(p)));
      kept.set(topic, new Set(partitions.filter((p) => had.has(p))));
      gained.set(topic, new Set(partitions.filter((p) => !had.has(p))));
    }
    // What an earlier join paused and this one does not pause again is resumed.
    const resume = difference(this.pending, gained);
    this.owned = kept;
    this.pending = gained;
    this.previous = { memberId, assignment };
    return { generation: this.generation, pause: plain(gained), resume: plain(resume) };
  }

  /**
   * The grace of join `generation` is over: its gained partitions are owned, and returned for the
   * consumer to resume. Nothing when a later rebalance came first (that join decides).
   */
  settle(generation: number): TopicPartitions {
    if (generation !== this.generation) return {};
    const gained = this.pending;
    this.pending = new Map();
    for (const [topic, partitions] of gained) {
      const owned = this.owned.get(topic) ?? new Set<number>();
      for (const partition of partitions) owned.add(partition);
      this.owned.set(topic, owned);
    }
    if ([...gained.values()].some((partitions) => partitions.size > 0)) {
      for (const listener of this.listeners) listener();
    }
    return plain(gained);
  }

  /** A rebalance began: nothing is owned until the next join. */
  revoked(): void {
    this.generation += 1;
    this.owned = new Map();
  }

  /** The consumer stopped or crashed: nothing is owned, and the next join gains everything afresh. */
  reset(): void {
    this.revoked();
    this.pending = new Map();
    this.previous = undefined;
  }

  private partitionOf(topic: string, key: string, count: number): number {
    let metadata = this.metadataByCount.get(count);
    if (!metadata) {
      metadata = Array.from({ length: count }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [0],
        isr: [0],
      }));
      this.metadataByCount.set(count, metadata);
    }
    return this.partitioner({ topic, partitionMetadata: metadata, message: { key, value: null } });
  }
}

function difference(
  from: ReadonlyMap<string, ReadonlySet<number>>,
  without: ReadonlyMap<string, ReadonlySet<number>>,
): Map<string, Set<number>> {
  const left = new Map<string, Set<number>>();
  for (const [topic, partitions] of from) {
    const rest = [...partitions].filter((p) => !without.get(topic)?.has(p));
    if (rest.length > 0) left.set(topic, new Set(rest));
  }
  return left;
}

function plain(partitions: ReadonlyMap<string, ReadonlySet<number>>): TopicPartitions {
  const result: Record<string, number[]> = {};
  for (const [topic, set] of partitions) if (set.size > 0) result[topic] = [...set].sort((a, b) => a - b);
  return result;
}
