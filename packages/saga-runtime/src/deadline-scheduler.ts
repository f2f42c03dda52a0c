import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@saga/logging';
import type { TimeoutResult } from './saga-manager.ts';
import type { SagaStore } from './saga-store.ts';

/**
 * When the scheduler looks for sagas past their deadline. Looking costs a query over the sagas (on
 * FerretDB a scan of the collection, on the service's one store connection, which replies wait for),
 * so it looks only when a deadline it knows of has come, and never more often than `minIntervalMs`;
 * and at least every `maxIntervalMs`, for deadlines another orchestrator replica set.
 */
export interface DeadlineSchedulerPolicy {
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
  /** Sagas handled per look, earliest deadline first. */
  readonly batchSize: number;
}

// A look every 5 s at most, 20 sagas each: deadlines are 30 s and more, so 5 s late is nothing, and
// a look is a scan on FerretDB. After an outage (or a restart with many sagas overdue) the re-sent
// commands come back as replies, and a flood of them would slow every other saga down.
export const defaultDeadlineSchedulerPolicy: DeadlineSchedulerPolicy = {
  minIntervalMs: 5_000,
  maxIntervalMs: 30_000,
  batchSize: 20,
};

export interface DeadlineScheduler {
  /**
   * Tells the scheduler of a deadline just written (the saga manager calls it after each write), so
   * it wakes for it without looking in the store until then.
   */
  notify(deadlineAt: Date): void;
  /** Stops the loop, after the pass under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * The loop that turns stored deadlines into `handleTimeout` calls. Deadlines live in the store (the
 * saga's indexed `deadlineAt`), not in timers, so they survive a restart of the orchestrator: the
 * first pass, at start, picks up whatever fell due while it was down. Each saga due is handed to the
 * manager, which applies the deadline under the saga's lock and version guard, so a reply arriving at
 * the same moment, or another replica's scheduler, decides once, and the other finds NOT_DUE.
 *
 * Between passes it sleeps until the earliest deadline it knows of: the first one after the pass's
 * look in the store, or an earlier one the manager notified since.
 */
export function startDeadlineScheduler(deps: {
  readonly store: Pick<SagaStore, 'findEarliestDeadlines'>;
  /** Applies the deadline of saga `sagaId` of definition `saga`: the manager of that definition's `handleTimeout`. */
  readonly handleTimeout: (sagaId: string, saga: string) => Promise<TimeoutResult>;
  readonly logger: Logger;
  readonly policy?: DeadlineSchedulerPolicy;
  readonly now?: () => Date;
  /**
   * Whether this replica owns the saga's key (default: every key). With several orchestrator replicas
   * each applies the deadlines of its own sagas only, so a saga keeps one writer.
   */
  readonly owns?: (key: string) => boolean;
}): DeadlineScheduler {
  const policy = deps.policy ?? defaultDeadlineSchedulerPolicy;
  const now = () => (deps.now ?? (() => new Date()))().getTime();
  const logger = deps.logger.child({ component: 'deadline-scheduler' });
  const stopping = new AbortController();
  const stopped = () => stopping.signal.aborted;
  /** The earliest deadline notified since the last look; null for none. */
  let notified: number | null = null;
  // Read through a function: notify() changes it while the loop awaits, which narrowing cannot see.
  const notifiedSoFar = () => notified;
  /** When the current sleep ends, and how to end it early. */
  let wake: { at: number; early: AbortController } | null = null;

  const loop = (async () => {
    while (!stopped()) {
      const lookedAt = now();
      notified = null;
      let next: number | null = null;
      try {
        const pass = await runDeadlinePass({
          ...deps,
          logger,
          now: new Date(lookedAt),
          batchSize: policy.batchSize,
          stopped,
        });
        next = pass.more ? lookedAt : (pass.next?.getTime() ?? null);
      } catch (error) {
        if (!stopped())
          logger.warn({ err: error }, 'looking for sagas past their deadline failed; trying again');
      }
      // Sleep until the earliest deadline known (bounded by the intervals); a notification of an
      // earlier one ends the sleep early, and the wake-up is computed again.
      while (!stopped()) {
        const known = Math.min(
          next ?? Infinity,
          notifiedSoFar() ?? Infinity,
          lookedAt + policy.maxIntervalMs,
        );
        const at = Math.max(lookedAt + policy.minIntervalMs, known);
        if (at <= now()) break;
        const early = new AbortController();
        wake = { at, early };
        const signal = AbortSignal.any([stopping.signal, early.signal]);
        await sleep(at - now(), undefined, { signal, ref: false }).catch(() => undefined);
        wake = null;
        if (!early.signal.aborted) break;
      }
    }
  })();

  return {
    notify(deadlineAt) {
      const at = deadlineAt.getTime();
      if (notified === null || at < notified) notified = at;
      if (wake && at < wake.at) wake.early.abort();
    },
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

/**
 * One pass: looks up the `batchSize` earliest deadlines; the sagas whose deadline is at or before
 * `now` are handed to the manager one after the other, until `stopped` says to stop. A saga that
 * fails is logged and left for the next pass; the others go on. Returns how many were handled, the
 * first deadline still to come (null for none known), and whether the batch was all due (more may be).
 */
export async function runDeadlinePass(deps: {
  readonly store: Pick<SagaStore, 'findEarliestDeadlines'>;
  /** Applies the deadline of saga `sagaId` of definition `saga`: the manager of that definition's `handleTimeout`. */
  readonly handleTimeout: (sagaId: string, saga: string) => Promise<TimeoutResult>;
  readonly logger: Logger;
  readonly now: Date;
  readonly batchSize: number;
  readonly stopped?: () => boolean;
  readonly owns?: (key: string) => boolean;
}): Promise<{ handled: number; next: Date | null; more: boolean }> {
  const owns = deps.owns;
  // Other replicas' sagas come first now and then: a wider look leaves room for this one's.
  const found = await deps.store.findEarliestDeadlines(owns ? deps.batchSize * 4 : deps.batchSize);
  const earliest = owns ? found.filter((saga) => owns(saga.key)).slice(0, deps.batchSize) : found;
  const due = earliest.filter((saga) => saga.deadlineAt.getTime() <= deps.now.getTime());
  let handled = 0;
  for (const { sagaId, saga } of due) {
    if (deps.stopped?.()) break;
    try {
      await deps.handleTimeout(sagaId, saga);
      handled++;
    } catch (error) {
      deps.logger.error(
        { err: error, sagaId, saga },
        'applying a deadline failed; the next pass tries again',
      );
    }
  }
  const next = earliest.find((saga) => saga.deadlineAt.getTime() > deps.now.getTime())?.deadlineAt ?? null;
  return { handled, next, more: due.length === deps.batchSize };
}
