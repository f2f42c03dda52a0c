import type { MongoClient } from 'mongodb';
import { pendingWork, readSnapshot, type RunScope } from './read-snapshot.ts';

export interface DrainOptions {
  readonly timeoutMs: number;
  /** Called about every 10 s while work remains, with a line saying what. */
  readonly onProgress?: (line: string) => void;
  readonly pollMs?: number;
}

/**
 * Waits until the run's work has drained: every accepted order is stored and ended, every outbox is
 * empty, and no saga, payment or reservation is half done. Resolves with how long that took, or
 * null when `timeoutMs` passed first.
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
      const snapshot = await readSnapshot(mongo, scope);
      const work = pendingWork(snapshot);
      const known = new Set(snapshot.orders.map((o) => o.orderId));
      const missing = accepted.filter((id) => !known.has(id)).length;
      if (work.pendingOrders === 0 && work.unsent === 0 && work.unfinished === 0) return Date.now() - started;
      if (Date.now() - lastPrint >= 10_000) {
        lastPrint = Date.now();
        options.onProgress?.(
          `draining: ${work.pendingOrders} orders pending, ${work.unsent} messages unsent, ${work.unfinished} sagas/payments/reservations unfinished${missing > 0 ? `, ${missing} accepted orders not found` : ''}`,
        );
      }
    } catch (error) {
      options.onProgress?.(
        `draining: reading the databases failed (${(error as Error).message}); trying again`,
      );
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 2_000));
  }
  return null;
}
