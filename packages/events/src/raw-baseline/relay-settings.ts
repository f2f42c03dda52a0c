/**
 * How every role of the raw pipeline consumes and forwards: one named option object per run, so a
 * figure always comes with the settings that produced it (they go into the row's `detail`).
 */
export interface RelaySettings {
  /**
   * `per-message`: `eachMessage`, each message's output sent (and awaited) as it is handled, as the
   * platform's event client does. `batched`: `eachBatch`, a whole fetched batch's outputs in one send.
   */
  readonly style: 'per-message' | 'batched';
  /** kafkajs `partitionsConsumedConcurrently`: how many partitions' batches one role handles at once. */
  readonly partitionsConsumedConcurrently: number;
  /**
   * Batched only. kafkajs has no producer `linger.ms`; this is its stand-in: outputs of batches handled
   * at the same time are gathered this long and sent in one `sendBatch`. 0: each batch sends its own.
   */
  readonly lingerMs: number;
  /**
   * The consumer's fetch wait and minimum: the broker answers once it has `minBytes`, or after the wait.
   * The wait is kept short because a consumer that leaves (between settings) first waits out its fetch.
   */
  readonly maxWaitTimeInMs: number;
  readonly minBytes: number;
  /**
   * Batched only. null: kafkajs's default, offsets committed after every batch (one more round trip
   * per batch). A number: committed at most this often, always after the batch's send was acknowledged
   * (so still at-least-once; a crash re-delivers up to this much), and when the role stops.
   */
  readonly commitIntervalMs: number | null;
}

/** One message at a time, as the platform's services consume (one partition at a time, kafkajs defaults). */
export const perMessageSettings: RelaySettings = {
  style: 'per-message',
  partitionsConsumedConcurrently: 1,
  lingerMs: 0,
  maxWaitTimeInMs: 500,
  minBytes: 1,
  commitIntervalMs: null,
};

const batched: RelaySettings = { ...perMessageSettings, style: 'batched' };

/**
 * The batched settings tried for the best burst figure, the first being kafkajs's defaults with
 * `eachBatch`. Every one keeps acks=all and at-least-once (offsets committed after the send).
 * Measured on the 2-core development machine (noisy, shared): committing every 200 ms instead of
 * after every batch was the one change that clearly helped (about 1.5x on bursts of 1,000); more
 * partitions at once and the linger were within the noise, so they stay candidates, not defaults.
 */
export const batchedCandidates: readonly RelaySettings[] = [
  batched,
  { ...batched, commitIntervalMs: 200 },
  { ...batched, partitionsConsumedConcurrently: 3, commitIntervalMs: 200 },
  { ...batched, partitionsConsumedConcurrently: 12, lingerMs: 2, commitIntervalMs: 200 },
];
