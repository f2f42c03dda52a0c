/**
 * How long to wait between attempts, and when to give up: exponential backoff with jitter, as
 * KafkaJS does it. One policy object is passed to everything that retries (start-up connections,
 * the outbox relay), so backoff is tuned in one place and tests can shorten it.
 */
export interface RetryPolicy {
  /** Wait before the first retry. */
  readonly initialDelayMs: number;
  /** No wait grows beyond this. */
  readonly maxDelayMs: number;
  /** Each wait is this many times the one before. */
  readonly multiplier: number;
  /** Randomises each wait by ± this fraction (0..1), so restarted replicas do not retry in lockstep. */
  readonly jitter: number;
  /** Bounded operations (start-up) give up once this much time has passed since their first attempt. */
  readonly giveUpAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  initialDelayMs: 300,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 0.2,
  giveUpAfterMs: 60_000,
};

/**
 * The wait before retry number `retry` (1 for the first retry), jitter included.
 * `random` returns a number in [0, 1), like Math.random, which it defaults to.
 */
export function retryDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const exponential = policy.initialDelayMs * policy.multiplier ** Math.max(0, retry - 1);
  const base = Math.min(exponential, policy.maxDelayMs);
  const jittered = base * (1 - policy.jitter + 2 * policy.jitter * random());
  return Math.round(Math.min(jittered, policy.maxDelayMs));
}
