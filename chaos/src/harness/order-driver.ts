import { randomUUID } from 'node:crypto';
import { platformApi, type OrderRequest } from './platform-api.ts';

/** What became of one order the driver tried to place. */
export interface Placement {
  readonly key: string;
  readonly order: OrderRequest;
  /** Set once the API answered 202. */
  orderId?: string;
  attempts: number;
  /** The answers that were not 202, by status (0: no answer), for the summary. */
  readonly refusals: Record<number, number>;
  /** A 4xx other than a retriable one: the request itself was wrong (a bug in the scenario or the API). */
  rejected?: { status: number; body: unknown };
}

export interface PlaceOptions {
  /** Give up (leave it unaccepted) after this long. */
  readonly giveUpAfterMs: number;
}

/**
 * Places one order as a careful client would: with an Idempotency-Key, retried with the same key
 * after no answer or a 5xx (a retry of an order that was stored returns the same order, never a
 * second one), until the API answers 202 or the time is up.
 */
export async function placeOrder(order: OrderRequest, options: PlaceOptions): Promise<Placement> {
  const placement: Placement = { key: `chaos-${randomUUID()}`, order, attempts: 0, refusals: {} };
  const deadline = Date.now() + options.giveUpAfterMs;
  let delay = 250;
  while (Date.now() < deadline) {
    placement.attempts++;
    const result = await platformApi.placeOrder(order, placement.key);
    if (result.status === 202) {
      placement.orderId = (result.body as { orderId: string }).orderId;
      return placement;
    }
    placement.refusals[result.status] = (placement.refusals[result.status] ?? 0) + 1;
    if (result.status >= 400 && result.status < 500 && result.status !== 429 && result.status !== 408) {
      placement.rejected = { status: result.status, body: result.body };
      return placement;
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 3000);
  }
  return placement;
}
