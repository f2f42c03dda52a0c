import type { MongoClient } from 'mongodb';
import { databaseOf } from './harness-settings.ts';
import { pendingWork, readSnapshot, type RunScope } from './read-snapshot.ts';

export interface DrainOptions {
  readonly timeoutMs: number;
  /** Called about every 10 s while work remains, with a line saying what. */
  readonly onProgress?: (line: string) => void;
  readonly pollMs?: number;
}

/**
 * Waits until the run's work has drained: every accepted order is stored and ended, and so is every
 * return its orders record, every outbox is empty, and no saga, payment or reservation is half done.
 * Resolves with how long that took, or null when `timeoutMs` passed first.
 */
export async function waitForDrain(
  mongo: MongoClient,
  scope: RunScope,
  accepted: readonly string[],
  options: DrainOptions,
): Promise<number | null> {
  const started = Date.now();
  let lastPrint = started;
  while (Date.now() - started < options.timeoutMs) {
    try {
      // The orders alone first: reading every saga's history on each poll would load the store that
      // is busy draining. The full snapshot is read once no order is pending any more.
      const pending = await pendingOrders(mongo, scope);
      if (pending > 0) {
        if (Date.now() - lastPrint >= 10_000) {
          lastPrint = Date.now();
          options.onProgress?.(`draining: ${pending} orders pending`);
        }
        await new Promise((r) => setTimeout(r, options.pollMs ?? 3_000));
        continue;
      }
      const snapshot = await readSnapshot(mongo, scope);
      const work = pendingWork(snapshot);
      const known = new Set(snapshot.orders.map((o) => o.orderId));
      const missing = accepted.filter((id) => !known.has(id)).length;
      if (work.pendingOrders === 0 && work.pendingReturns === 0 && work.unsent === 0 && work.unfinished === 0)
        return Date.now() - started;
      if (Date.now() - lastPrint >= 10_000) {
        lastPrint = Date.now();
        options.onProgress?.(
          `draining: ${work.pendingOrders} orders pending, ${work.pendingReturns} returns not ended, ${work.unsent} messages unsent, ${work.unfinished} sagas/payments/reservations unfinished${missing > 0 ? `, ${missing} accepted orders not found` : ''}`,
        );
      }
    } catch (error) {
      options.onProgress?.(
        `draining: reading the databases failed (${(error as Error).message}); trying again`,
      );
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 3_000));
  }
  return null;
}

/**
 * How many of the run's orders are still PENDING or have unsent messages. The hot collection alone:
 * an order moves to `orders_finished` only once settled and sent, so none there is either.
 */
async function pendingOrders(mongo: MongoClient, scope: RunScope): Promise<number> {
  return mongo
    .db(databaseOf('order-service'))
    .collection('orders')
    .countDocuments({
      customerId: { $in: [...scope.customers] },
      $or: [{ status: 'PENDING' }, { 'outbox.createdAt': { $gte: new Date(0) } }],
    });
}
