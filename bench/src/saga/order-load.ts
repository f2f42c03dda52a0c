import { setTimeout as sleep } from 'node:timers/promises';
import type { ExpectedOrder } from '../correctness/expected-outcome.ts';
import type { BenchShop } from './bench-shop.ts';
import type { BenchPlatform } from './bench-platform.ts';

/** One placed order: its id, how it must end, and when the bench sent it (ms since the epoch). */
export interface Placed extends ExpectedOrder {
  readonly sentAt: number;
}

/**
 * Places `count` orders through POST /orders: as fast as `concurrency` requests in flight allow
 * (a burst), or at `ratePerSecond` on a fixed schedule (an open load: a late answer does not delay
 * the next order, as real customers do not wait for each other).
 */
export async function placeOrders(
  client: BenchPlatform,
  shop: BenchShop,
  options: { count: number; ratePerSecond?: number; concurrency?: number; onPlaced?: (n: number) => void },
): Promise<Placed[]> {
  const placed: Placed[] = [];
  const place = async () => {
    const { body, idempotencyKey, expected } = shop.nextOrder();
    const sentAt = Date.now();
    const answer = await client.api.placeOrder(body, { idempotencyKey, ...client.customer(body.customerId) });
    placed.push({ orderId: answer.body.orderId, expected, sentAt });
    options.onPlaced?.(placed.length);
  };
  if (options.ratePerSecond === undefined) {
    let started = 0;
    const worker = async () => {
      while (started < options.count) {
        started++;
        await place();
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));
    return placed;
  }
  const interval = 1_000 / options.ratePerSecond;
  const begin = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < options.count; i++) {
    const due = begin + i * interval;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(place());
  }
  await Promise.all(inFlight);
  return placed;
}
