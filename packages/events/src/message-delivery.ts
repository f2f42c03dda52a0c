import { PlatformError } from '@saga/errors';
import type { Logger } from '@saga/logging';
import type { ConsumerRetryPolicy } from './consumer-retry-policy.ts';
import {
  classifyError,
  describeError,
  isOutage,
  type DeadLetterClassification,
  type ErrorClassification,
} from './error-classification.ts';

/**
 * The consumer is stopping while a message was still being retried. Thrown out of its handling so that
 * kafkajs does not commit past the message; the next owner of the partition delivers it again.
 * Retriable, so kafkajs treats it as a hiccup of a stopping runner rather than a crash.
 */
export class ConsumerStoppingError extends PlatformError {
  readonly code = 'CONSUMER_STOPPING';
  readonly retriable = true;
  constructor() {
    super('the consumer is stopping; the message was left for the next owner of its partition');
  }
}

/** Where a message is, for logs. */
export interface MessagePosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key?: string;
}

export interface DeliveryDeps {
  /** Decodes and handles the message once; rejects with what went wrong. */
  readonly attempt: () => Promise<void>;
  /** Publishes the message to its dead-letter topic; rejects when the broker does not take it. */
  readonly deadLetter: (failure: {
    readonly error: unknown;
    readonly classification: DeadLetterClassification;
    readonly attempts: number;
  }) => Promise<void>;
  /** kafkajs's batch heartbeat: keeps the member in the group, and rejects when a rebalance took it out. */
  readonly heartbeat: () => Promise<void>;
  /** Aborted when the consumer is being disconnected. */
  readonly stopping: AbortSignal;
  readonly policy: ConsumerRetryPolicy;
  readonly logger: Logger;
  readonly position: MessagePosition;
  readonly now?: () => number;
  /** Waits `ms`, or less when `signal` aborts (never rejects). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told of each failed attempt that will be retried (metrics); must be cheap and not throw. */
  readonly onRetry?: () => void;
}

export type DeliveryOutcome = 'handled' | 'dead-lettered';

/**
 * Delivers one message until it is handled or dead-lettered; never skips it otherwise.
 *
 * - An outage (broker, registry, store away) retries the same message with the policy's backoff,
 *   without limit. Another error that says trying again helps (`retriable: true`) retries it too,
 *   for `retriableGiveUpMs` at most: then it is dead-lettered as `retries-exhausted`.
 * - A permanent failure dead-letters it at once; an unclassified one after `unclassifiedAttempts`.
 * - A dead-letter publish that fails is retried the same way: the message is only passed once its
 *   dead letter is on the broker.
 * - While it waits (and while an attempt runs), it heartbeats so the group keeps the member. When the
 *   heartbeat says the partition was taken away, it rethrows that kafkajs error: kafkajs rejoins, and
 *   the partition's new owner delivers the message again. When the consumer stops, it throws
 *   ConsumerStoppingError. Both leave the offset uncommitted.
 */
export async function deliverMessage(deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const membership = keepMembership(deps);
  const log = retryLog(deps, now);
  let attempts = 0;
  let retries = 0;
  let firstFailureAt: number | undefined;
  const backOff = async () => {
    retries += 1;
    const delay = deps.policy.delayMs(retries);
    const until = now() + delay;
    // In slices, heartbeating between them, so a 30 s wait does not cost the group membership.
    for (let left = delay; left > 0; left = until - now()) {
      await sleep(Math.min(left, deps.policy.heartbeatEveryMs), deps.stopping);
      membership.check();
      await membership.beat();
    }
    membership.check();
    return delay;
  };

  for (;;) {
    membership.check();
    attempts += 1;
    let failure: unknown;
    try {
      await membership.during(deps.attempt());
      log.recovered(attempts);
      return 'handled';
    } catch (error) {
      failure = error;
    }
    membership.check();
    firstFailureAt ??= now();
    const classification = classifyError(failure);
    const final = giveUp(classification, failure, attempts, now() - firstFailureAt, deps.policy);
    if (final === undefined) {
      deps.onRetry?.();
      log.retrying(failure, classification, attempts, deps.policy.delayMs(retries + 1));
      await backOff();
      continue;
    }
    for (;;) {
      try {
        await membership.during(deps.deadLetter({ error: failure, classification: final, attempts }));
        break;
      } catch (error) {
        membership.check();
        deps.logger.error(
          { ...deps.position, err: describeError(error), retryInMs: deps.policy.delayMs(retries + 1) },
          'could not publish the message to its dead-letter topic; retrying, the message is not passed meanwhile',
        );
        await backOff();
      }
    }
    deps.logger.error(
      { ...deps.position, err: describeError(failure), classification: final, attempts },
      'message dead-lettered; the consumer goes on with the next one',
    );
    return 'dead-lettered';
  }
}

/** Whether to give the message up, and as what; undefined to try it again. */
function giveUp(
  classification: ErrorClassification,
  failure: unknown,
  attempts: number,
  failingForMs: number,
  policy: ConsumerRetryPolicy,
): DeadLetterClassification | undefined {
  if (classification === 'permanent') return 'permanent';
  if (classification === 'unclassified') {
    return attempts >= policy.unclassifiedAttempts ? 'unclassified' : undefined;
  }
  if (isOutage(failure)) return undefined;
  return failingForMs >= policy.retriableGiveUpMs ? 'retries-exhausted' : undefined;
}

/**
 * Heartbeats on demand and in the background while an attempt runs, and remembers whether the member
 * lost its partitions (a rebalance) or the consumer is stopping, for `check` to throw.
 */
function keepMembership(deps: DeliveryDeps) {
  let lost: Error | undefined;
  let beating: Promise<void> | undefined;
  const beat = () =>
    (beating ??= deps
      .heartbeat()
      .catch((error: unknown) => {
        if (isMembershipLost(error)) lost ??= error as Error;
        // Any other failure (the broker is away) leaves the membership to sort itself out when it is back.
        else deps.logger.debug({ ...deps.position, err: describeError(error) }, 'heartbeat failed');
      })
      .finally(() => {
        beating = undefined;
      }));
  return {
    beat,
    check() {
      if (deps.stopping.aborted) throw new ConsumerStoppingError();
      if (lost !== undefined) throw lost;
    },
    async during<T>(work: Promise<T>): Promise<T> {
      const timer = setInterval(() => void beat(), deps.policy.heartbeatEveryMs);
      try {
        return await work;
      } finally {
        clearInterval(timer);
      }
    },
  };
}

/** kafkajs's errors for "this member no longer owns what it was given": it rejoins on them. */
function isMembershipLost(error: unknown): boolean {
  const type = (error as { type?: unknown } | undefined)?.type;
  return (
    type === 'REBALANCE_IN_PROGRESS' ||
    type === 'ILLEGAL_GENERATION' ||
    type === 'UNKNOWN_MEMBER_ID' ||
    type === 'NOT_COORDINATOR_FOR_GROUP'
  );
}

/** Logs every retry of a message at first, then at most once per `logEveryMs`, saying how many were not logged. */
function retryLog(deps: DeliveryDeps, now: () => number) {
  const ALWAYS_LOGGED = 3;
  let lastLoggedAt = -Infinity;
  let unlogged = 0;
  return {
    retrying(error: unknown, classification: ErrorClassification, attempt: number, retryInMs: number) {
      if (attempt > ALWAYS_LOGGED && now() - lastLoggedAt < deps.policy.logEveryMs) {
        unlogged += 1;
        return;
      }
      lastLoggedAt = now();
      deps.logger.warn(
        {
          ...deps.position,
          err: describeError(error),
          classification,
          attempt,
          retryInMs,
          ...(unlogged > 0 ? { retriesNotLogged: unlogged } : {}),
        },
        classification === 'transient'
          ? 'message handling failed on a transient error; retrying the same message'
          : 'message handling failed on an unclassified error; retrying a bounded number of times',
      );
      unlogged = 0;
    },
    recovered(attempts: number) {
      if (attempts > 1) deps.logger.info({ ...deps.position, attempts }, 'message handled after retries');
    },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
