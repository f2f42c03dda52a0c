import { setTimeout as sleep } from 'node:timers/promises';
import { PlatformError } from '@saga/errors';
import type { Logger } from '@saga/logging';
import { retryDelay, type RetryPolicy } from './retry-policy.ts';

/** Raised when a bounded retry ran out of time; `cause` is the last attempt's error. */
export class RetryTimeoutError extends PlatformError {
  readonly code = 'RETRY_TIMEOUT';
  readonly retriable = false;
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    options: { cause: unknown },
  ) {
    super(
      `${operation} failed ${attempts} times over ${Math.round(elapsedMs / 1000)}s; last error: ${messageOf(options.cause)}`,
      options,
    );
  }
}

export interface RetryOptions {
  readonly policy: RetryPolicy;
  /** What is being tried, for the log and the final error, e.g. "connect to the store". */
  readonly operation: string;
  readonly logger: Logger;
  /**
   * Whether an error may go away by trying again. Defaults to the platform's convention: an error
   * whose `retriable` flag is false is fatal and thrown at once; anything else is retried.
   */
  readonly isRetriable?: (error: unknown) => boolean;
  /** When the bounded time started, if earlier than this call (start-up shares one budget across steps). */
  readonly startedAt?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly random?: () => number;
}

/** Calls `attempt` until it resolves, backing off by the policy; gives up after `policy.giveUpAfterMs`. */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const isRetriable = options.isRetriable ?? isRetriableByFlag;
  const startedAt = options.startedAt ?? now();
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!isRetriable(error)) throw error;
      const delay = retryDelay(options.policy, attemptNumber, options.random);
      const elapsed = now() - startedAt;
      if (elapsed + delay > options.policy.giveUpAfterMs) {
        throw new RetryTimeoutError(options.operation, attemptNumber, elapsed, { cause: error });
      }
      options.logger.warn(
        { operation: options.operation, attempt: attemptNumber, retryInMs: delay, err: messageOf(error) },
        `${options.operation} failed; retrying`,
      );
      await wait(delay);
    }
  }
}

export function isRetriableByFlag(error: unknown): boolean {
  return (error as { retriable?: unknown } | undefined)?.retriable !== false;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
