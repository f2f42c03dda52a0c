import { setTimeout as sleep } from 'node:timers/promises';
import type { OrderSummary, PlatformClient } from './platform-client.ts';

/**
 * Waits until none of `orderIds` is PENDING, or `timeoutMs` passes, and returns each order as
 * GET /orders shows it then: listed for its customer, or else asked for by its id (an order missing
 * from both is unknown to the API, and missing from the answer). While waiting it only reads the first page(s) of the PENDING orders,
 * newest first, so the polling itself costs the platform little.
 */
export async function awaitSettled(
  client: PlatformClient,
  customers: readonly string[],
  orderIds: readonly string[],
  /** `onPoll` gets the PENDING orders of the run on the first page that holds any: at least that many. */
  options: { timeoutMs: number; onPoll?: (pending: number) => void },
): Promise<{ orders: OrderSummary[]; timedOut: boolean }> {
  const ours = new Set(orderIds);
  const deadline = Date.now() + options.timeoutMs;
  let timedOut = true;
  while (Date.now() < deadline) {
    const pending = await countPending(client, ours);
    options.onPoll?.(pending);
    if (pending === 0) {
      timedOut = false;
      break;
    }
    await sleep(1_000);
  }
  const orders = await readOrders(client, customers, ours);
  const listed = new Set(orders.map((order) => order.orderId));
  for (const orderId of orderIds.filter((id) => !listed.has(id))) {
    const found = await client.findOrder(orderId);
    if (found) orders.push(found);
  }
  return { orders, timedOut };
}

/** How many of ours are PENDING, counted up to the first page holding some (a lower bound then). */
async function countPending(client: PlatformClient, ours: ReadonlySet<string>): Promise<number> {
  let pending = 0;
  let cursor: string | null = null;
  do {
    const page = await client.listOrders({ status: 'PENDING', limit: '100', ...(cursor ? { cursor } : {}) });
    pending += page.items.filter((order) => ours.has(order.orderId)).length;
    cursor = pending > 0 ? null : page.nextCursor;
  } while (cursor !== null);
  return pending;
}

/** The run's orders as they are now, listed per customer. */
async function readOrders(
  client: PlatformClient,
  customers: readonly string[],
  ours: ReadonlySet<string>,
): Promise<OrderSummary[]> {
  const found: OrderSummary[] = [];
  for (const customerId of customers) {
    let cursor: string | null = null;
    do {
      const page = await client.listOrders({ customerId, limit: '100', ...(cursor ? { cursor } : {}) });
      found.push(...page.items.filter((order) => ours.has(order.orderId)));
      cursor = page.nextCursor;
    } while (cursor !== null);
  }
  return found;
}
