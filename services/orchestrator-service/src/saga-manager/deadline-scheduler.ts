import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@saga/logging';
import type { TimeoutResult } from './saga-manager.ts';
import type { SagaStore } from './saga-store.ts';

/** How often the scheduler looks for sagas whose deadline passed, and how many it takes per look. */
export interface DeadlineSchedulerPolicy {
  readonly intervalMs: number;
  readonly batchSize: number;
}

export const defaultDeadlineSchedulerPolicy: DeadlineSchedulerPolicy = { intervalMs: 500, batchSize: 100 };

export interface DeadlineScheduler {
  /** Runs one pass now (see runDeadlinePass). */
  runOnce(): Promise<number>;
  /** Stops the loop, after the pass under way (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * The loop that turns stored deadlines into `handleTimeout` calls. Deadlines live in the store (the
 * saga's indexed `deadlineAt`), not in timers, so they survive a restart of the orchestrator: the
 * first pass after a start picks up whatever fell due while it was down. Each saga is handed to the
 * manager, which applies the deadline under the saga's lock and version guard, so a reply arriving at
 * the same moment, or another orchestrator's scheduler, decides once, and the other finds NOT_DUE.
 *
 * A pass that fails (the store is unreachable) is logged and the next one tries again; one saga that
 * fails does not stop the others.
 */
export function startDeadlineScheduler(deps: {
  readonly store: Pick<SagaStore, 'findDue'>;
  readonly handleTimeout: (sagaId: string) => Promise<TimeoutResult>;
  readonly logger: Logger;
  readonly policy?: DeadlineSchedulerPolicy;
  readonly now?: () => Date;
}): DeadlineScheduler {
  const policy = deps.policy ?? defaultDeadlineSchedulerPolicy;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'deadline-scheduler' });
  const stopping = new AbortController();
  const stopped = () => stopping.signal.aborted;

  const runOnce = () =>
    runDeadlinePass({
      store: deps.store,
      handleTimeout: deps.handleTimeout,
      logger,
      now: now(),
      batchSize: policy.batchSize,
      stopped,
    });

  const loop = (async () => {
    while (!stopped()) {
      let full = false;
      try {
        full = (await runOnce()) >= policy.batchSize;
      } catch (error) {
        if (!stopped())
          logger.warn({ err: error }, 'looking for sagas past their deadline failed; trying again');
      }
      // A full batch means more may be due: go on at once (after other work had its turn), else wait.
      const pause = full ? 0 : policy.intervalMs;
      await sleep(pause, undefined, { signal: stopping.signal, ref: false }).catch(() => undefined);
    }
  })();

  return {
    runOnce,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

/**
 * One pass: the sagas due at `now` (at most `batchSize`, earliest first) are handed to the manager one
 * after the other, until `stopped` says to stop. A saga that fails is logged and left for the next
 * pass; the others go on. Returns how many were handled.
 */
export async function runDeadlinePass(deps: {
  readonly store: Pick<SagaStore, 'findDue'>;
  readonly handleTimeout: (sagaId: string) => Promise<TimeoutResult>;
  readonly logger: Logger;
  readonly now: Date;
  readonly batchSize: number;
  readonly stopped?: () => boolean;
}): Promise<number> {
  const due = await deps.store.findDue(deps.now, deps.batchSize);
  let handled = 0;
  for (const sagaId of due) {
    if (deps.stopped?.()) break;
    try {
      await deps.handleTimeout(sagaId);
      handled++;
    } catch (error) {
      deps.logger.error({ err: error, sagaId }, 'applying a deadline failed; the next pass tries again');
    }
  }
  return handled;
}
