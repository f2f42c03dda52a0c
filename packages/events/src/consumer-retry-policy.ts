/**
 * How a consumer retries a message whose handling failed. Services pass their own (service-kit builds
 * one from its single RetryPolicy); clients that pass none get `defaultConsumerRetryPolicy`.
 */
export interface ConsumerRetryPolicy {
  /** The wait before retry number `retry` (1 for the first retry), jitter included. Capped by the caller's choice. */
  readonly delayMs: (retry: number) => number;
  /** Attempts an unclassified error gets before the message is dead-lettered (transient errors: unbounded). */
  readonly unclassifiedAttempts: number;
  /**
   * How long a message is retried on an error that says trying again helps (`retriable: true`) but is
   * no outage, before it is dead-lettered as `retries-exhausted`. Outages are retried without limit.
   */
  readonly retriableGiveUpMs: number;
  /**
   * How often the group is told this member is alive while a message waits or runs. Below the consumer's
   * session timeout (10 s), or the broker drops the member and hands its partitions to another.
   */
  readonly heartbeatEveryMs: number;
  /** Retries of one message are logged each time for the first few, then at most once per this interval. */
  readonly logEveryMs: number;
}

/** Exponential backoff with ± jitter, the same shape as service-kit's `retryDelay`. */
export function exponentialBackoff(options: {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
  readonly jitter: number;
  readonly random?: () => number;
}): (retry: number) => number {
  const random = options.random ?? Math.random;
  return (retry) => {
    const base = Math.min(
      options.initialDelayMs * options.multiplier ** Math.max(0, retry - 1),
      options.maxDelayMs,
    );
    const jittered = base * (1 - options.jitter + 2 * options.jitter * random());
    return Math.round(Math.min(jittered, options.maxDelayMs));
  };
}

export const defaultConsumerRetryPolicy: ConsumerRetryPolicy = {
  // 300 ms doubling to 30 s: an outage of minutes costs a retry every 30 s, not a busy loop.
  delayMs: exponentialBackoff({ initialDelayMs: 300, maxDelayMs: 30_000, multiplier: 2, jitter: 0.2 }),
  // About 5 s of retrying (0.3 + 0.6 + 1.2 + 2.4 s): enough to ride out a race, short enough not to stall a partition.
  unclassifiedAttempts: 5,
  // A document contended for this long is stuck, not busy: its partition must go on.
  retriableGiveUpMs: 10 * 60_000,
  heartbeatEveryMs: 1_000,
  logEveryMs: 30_000,
};
