/**
 * Headers as Kafka carries them: bytes or text by name; a name repeated on one record gives a list.
 * The same shape every Kafka client for Node hands over, so consumed headers can be sent on as they are.
 */
export type RecordHeaders = { [name: string]: Buffer | string | (Buffer | string)[] | undefined };

/** A record to send as it is: bytes or text, no schema, no CloudEvents headers unless given. */
export interface OutgoingRecord {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers?: RecordHeaders;
}

/** A record as it was read from a partition: its bytes and headers untouched, and where it stood. */
export interface RawRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: RecordHeaders;
  /** Its offset in its partition, as a decimal string (offsets are 64-bit). */
  readonly offset: string;
  /** The producer's timestamp, milliseconds since the epoch, as a decimal string. */
  readonly timestamp: string;
}

/** A consumed record with the topic and partition it came from. */
export interface ConsumedRecord extends RawRecord {
  readonly topic: string;
  readonly partition: number;
}
