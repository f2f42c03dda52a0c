import { randomUUID } from 'node:crypto';
import { platformApi, type OrderLine } from './platform-api.ts';
import type { ReturnPlan } from './return-plan.ts';

/** The order a return is asked of: its id, and its customer, who asks. */
export interface ReturnedOrder {
  readonly orderId: string;
  readonly customerId: string;
}

/** What became of one return the driver asked for. */
export interface ReturnPlacement {
  readonly orderId: string;
  readonly key: string;
  readonly items: readonly OrderLine[];
  /** Set once the API answered 202. */
  returnId?: string;
  attempts: number;
  /** The answers that were not 202, by status (0: no answer), for the summary. */
  readonly refusals: Record<number, number>;
  /** A 4xx other than a retriable one: the request itself was wrong (a bug in the driver or the API). */
  rejected?: { status: number; body: unknown };
}

export interface ReturnOptions {
  /** Give up (leave it unaccepted) after this long. */
  readonly giveUpAfterMs: number;
}

export interface DriveReturnsOptions extends ReturnOptions {
  /** Whether to stop waiting for the order to end (the run is about to drain): no returns then. */
  readonly stopped: () => boolean;
  readonly pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks for one return as a careful client would, as placeOrder places an order: with an
 * Idempotency-Key, retried with the same key after no answer or a 5xx (a retry of a return that was
 * recorded answers with the same return, never a second one), until the API answers 202 or the time
 * is up.
 */
export async function requestReturn(
  order: ReturnedOrder,
  items: readonly OrderLine[],
  options: ReturnOptions,
): Promise<ReturnPlacement> {
  const placement: ReturnPlacement = {
    orderId: order.orderId,
    key: `chaos-return-${randomUUID()}`,
    items,
    attempts: 0,
    refusals: {},
  };
  const deadline = Date.now() + options.giveUpAfterMs;
  let delay = 250;
  while (Date.now() < deadline) {
    placement.attempts++;
    const result = await platformApi.requestReturn(order, items, placement.key);
    if (result.status === 202) {
      placement.returnId = (result.body as { returnId: string }).returnId;
      return placement;
    }
    placement.refusals[result.status] = (placement.refusals[result.status] ?? 0) + 1;
    if (result.status >= 400 && result.status < 500 && result.status !== 429 && result.status !== 408) {
      placement.rejected = { status: result.status, body: result.body };
      return placement;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 3000);
  }
  return placement;
}

/**
 * Carries out an order's return plan: reads the order (as ops) until it has ended, CONFIRMED or
 * CANCELLED, then sends the plan's waves for that end, each wave's returns at once and the next wave
 * once every return of the last was accepted. Nothing is sent for an order still running when `stopped`.
 */
export async function driveReturns(
  order: ReturnedOrder,
  plan: ReturnPlan,
  options: DriveReturnsOptions,
): Promise<ReturnPlacement[]> {
  if (plan.ifConfirmed.length === 0 && plan.ifCancelled.length === 0) return [];
  const status = await endOf(order.orderId, options);
  const waves = status === 'CONFIRMED' ? plan.ifConfirmed : status === 'CANCELLED' ? plan.ifCancelled : [];
  const placements: ReturnPlacement[] = [];
  for (const wave of waves) {
    const answered = await Promise.all(wave.map((items) => requestReturn(order, items, options)));
    placements.push(...answered);
    if (answered.some((p) => p.returnId === undefined)) break;
  }
  return placements;
}

/** The order's status once it is CONFIRMED or CANCELLED, or undefined when the driver was stopped first. */
async function endOf(orderId: string, options: DriveReturnsOptions): Promise<string | undefined> {
  while (!options.stopped()) {
    const result = await platformApi.getOrder(orderId);
    const status = result.status === 200 ? (result.body as { status?: string }).status : undefined;
    if (status === 'CONFIRMED' || status === 'CANCELLED') return status;
    await sleep(options.pollMs ?? 3_000);
  }
  return undefined;
}
