/** How often and how patiently to retry a retriable failure: one policy, passed in where it is needed. */
export interface RetryPolicy {
  /** Attempts after the first one. */
  readonly retries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Each delay is this many times the previous one, before jitter. */
  readonly factor: number;
}

/** About 7 s in all: long enough for a registry that is still starting, short enough to fail a CI step fast. */
export const defaultRetryPolicy: RetryPolicy = {
  retries: 4,
  initialDelayMs: 400,
  maxDelayMs: 4000,
  factor: 2,
};

export interface RetryDependencies {
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); spreads retries out so that several clients do not hammer a recovering server in step. */
  readonly random?: () => number;
}

/**
 * Runs `attempt` until it succeeds, it throws an error that is not `retriable`, or the retries are
 * used up; then the last error is thrown. Exponential backoff with ±20 % jitter, as KafkaJS does.
 */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  { sleep = (ms) => new Promise((r) => setTimeout(r, ms)), random = Math.random }: RetryDependencies = {},
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n > policy.retries || !isRetriable(error)) throw error;
      const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (n - 1));
      await sleep(Math.round(base * (0.8 + 0.4 * random())));
    }
  }
}

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;
}
