import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import type { Logger } from '@saga/logging';
import type { AggregateRuntime } from '@saga/service-kit';
import {
  decidePendingRedrive,
  type PendingOrderOutcome,
  type PendingOrderPolicy,
} from '../domain/pending-order-redrive.ts';
import type { OrderDocument } from '../model/order-document.ts';
import type { OrderModel } from '../model/order-model.ts';

/** How the sweep looks: every `everyMs`, at most `batchSize` orders, oldest first. */
export interface PendingOrderSweepPolicy extends PendingOrderPolicy {
  readonly everyMs: number;
  readonly batchSize: number;
}

/** Orders handled per look: a look is a scan on FerretDB, and the orders it finds are few in health. */
export const pendingOrderSweepBatchSize = 50;

export interface PendingOrderSweep {
  /** Stops the loop, after the pass under way (if any). */
  stop(): Promise<void>;
}

/**
 * The loop that finds orders left PENDING (their order.created lost on the way, say, or their saga
 * never started) and re-drives or reports them, one pass every `everyMs`.
 */
export function startPendingOrderSweep(
  deps: SweepDeps & { readonly policy: PendingOrderSweepPolicy },
): PendingOrderSweep {
  const stopping = new AbortController();
  const logger = deps.logger.child({ component: 'pending-order-sweep' });
  // Read through a function: stop() changes it while the loop awaits, which narrowing cannot see.
  const stopped = () => stopping.signal.aborted;
  const loop = (async () => {
    while (!stopped()) {
      await sleep(deps.policy.everyMs, undefined, { signal: stopping.signal, ref: false }).catch(
        () => undefined,
      );
      if (stopped()) break;
      try {
        await runPendingOrderPass({ ...deps, logger, stopped });
      } catch (error) {
        if (!stopped()) logger.warn({ err: error }, 'looking for PENDING orders failed; trying again');
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

interface SweepDeps {
  readonly orders: OrderModel;
  readonly aggregates: AggregateRuntime;
  readonly logger: Logger;
  readonly policy: PendingOrderSweepPolicy;
  readonly now?: () => Date;
  /**
   * Whether this process writes the order of `orderId` now: the key ownership its consumer group gave
   * it (`ctx.events.ownership.owns`), so the sweep writes only orders whose commands this process
   * consumes, and each order keeps one writer. The aggregate runtime serialises the sweep's write
   * with the handler's inside the process.
   */
  readonly owns?: (orderId: string) => boolean;
}

/**
 * One pass: the oldest PENDING orders not marked for attention and not re-driven within `afterMs`
 * (one query, on the `{ status, createdAt }` index where the store has indexes; a bounded scan on
 * FerretDB), each decided and written through the aggregate runtime, so a settlement that came
 * meanwhile wins. Returns what was done per order.
 */
export async function runPendingOrderPass(
  deps: SweepDeps & { readonly stopped?: () => boolean },
): Promise<{ readonly orderId: string; readonly outcome: PendingOrderOutcome }[]> {
  const now = deps.now?.() ?? new Date();
  const cutoff = new Date(now.getTime() - deps.policy.afterMs);
  const found = (await deps.orders
    .find(
      {
        status: 'PENDING',
        // Operators marked trusted: the connection sanitises filters (guard-queries.ts).
        createdAt: mongoose.trusted({ $lt: cutoff }),
        attention: null,
        $or: [{ redrivenAt: null }, { redrivenAt: mongoose.trusted({ $lt: cutoff }) }],
      },
      { _id: 1 },
    )
    .sort({ createdAt: 1 })
    .limit(deps.policy.batchSize)
    .lean()) as Pick<OrderDocument, '_id'>[];
  const done: { orderId: string; outcome: PendingOrderOutcome }[] = [];
  for (const { _id: orderId } of found) {
    if (deps.stopped?.()) break;
    if (deps.owns && !deps.owns(orderId)) continue;
    const applied = await deps.aggregates.apply<OrderDocument, PendingOrderOutcome>(deps.orders, orderId, {
      decide: (order) => decidePendingRedrive(order, deps.policy, now),
    });
    if (applied.kind === 'duplicate') continue;
    const outcome = applied.result;
    if (outcome.kind === 'redriven')
      deps.logger.info(
        { orderId, redrives: outcome.redrives },
        'order still PENDING: order.created sent again',
      );
    if (outcome.kind === 'reported')
      deps.logger.warn(
        { orderId, redrives: outcome.redrives },
        'order still PENDING after its re-drives: marked for attention',
      );
    done.push({ orderId, outcome });
  }
  return done;
}
