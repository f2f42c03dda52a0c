import type { ConsumedRecord } from './kafka-record.ts';

export interface RawConsumerOptions {
  readonly groupId: string;
  /** Topics by the broker's names (with any namespace prefix). */
  readonly topics: readonly string[];
  /**
   * Where a group with no committed offsets starts: the oldest record, or only what comes next; or,
   * for reading a range, these offsets (partitions not named start as from 'beginning').
   */
  readonly from: 'beginning' | 'end' | readonly StartOffset[];
  /** Called for each record, one at a time per partition; its offset is committed once it resolves. */
  readonly onRecord: (record: ConsumedRecord) => Promise<void> | void;
}

/** Where to start reading one partition. */
export interface StartOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/** A running consumer of records as they are (no decoding, no dead-lettering): tests and tools only. */
export interface RawConsumer {
  /** Leaves the group and closes the connection. */
  stop(): Promise<void>;
}
