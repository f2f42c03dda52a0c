import type { RecordPosition } from './dead-letter.ts';
import type { OutgoingRecord } from './kafka-record.ts';

/**
 * A producer of records as they are, for tools and tests that need bytes the event client would
 * never send (poison, a redelivered copy, a test's own markers). Every send waits for all in-sync
 * replicas (acks=all), and a key goes to the partition the event client's producer would pick.
 */
export interface RawProducer {
  /**
   * Sends the records in one request. Resolves with the position of the first record written to each
   * partition (one position for a single record: where it landed).
   */
  send(topic: string, records: readonly OutgoingRecord[]): Promise<RecordPosition[]>;
  disconnect(): Promise<void>;
}
