import { setTimeout as sleep } from 'node:timers/promises';
import { found } from '@saga/client';
import type { OrderSummary, BenchPlatform } from './bench-platform.ts';

type OrderPage = Awaited<ReturnType<BenchPlatform['api']['listOrders']>>['body'];

export interface SettleOptions {
  /** How long the platform has to end them all, as the section plans it. */
  readonly timeoutMs: number;
  /**
   * Past `timeoutMs`, the wait goes on for as long as orders keep ending: it gives up only once none
   * has ended for this long (default 60 s). So an order is called stuck because the platform stopped
   * ending orders, never because it was slower than planned (a bench fails on correctness, not timing).
   */
  readonly stallMs?: number;
  /** Polls while it waits past `timeoutMs` (default 5 s: each counts every PENDING order). */
  readonly drainPollMs?: number;
  /** `onPoll` gets the PENDING orders of the run: before the timeout, at least that many. */
  readonly onPoll?: (pending: number) => void;
}

/**
 * Waits until none of `orderIds` is PENDING and returns each order as GET /orders shows it then:
 * listed for its customer, or else asked for by its id (an order missing from both is unknown to the
 * API, and missing from the answer). Until `timeoutMs` it reads only the first page(s) of the
 * PENDING orders, newest first, so the polling itself costs the platform little; past it, it counts
 * them all every few seconds, until they are all ended or the count has not fallen for `stallMs`.
 * `timedOut`: some were still PENDING when it gave up.
 */
export async function awaitSettled(
  client: BenchPlatform,
  customers: readonly string[],
  orderIds: readonly string[],
  options: SettleOptions,
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
  if (timedOut) timedOut = !(await drain(client, ours, options));
  const orders = await readOrders(client, customers, ours);
  const listed = new Set(orders.map((order) => order.orderId));
  for (const orderId of orderIds.filter((id) => !listed.has(id))) {
    const order = await found(client.api.getOrder(orderId));
    if (order) orders.push(order);
  }
  return { orders, timedOut };
}

/** Waits while the PENDING count keeps falling; true once none is left, false when it stalled. */
async function drain(client: BenchPlatform, ours: ReadonlySet<string>, options: SettleOptions) {
  const stallMs = options.stallMs ?? 60_000;
  let fewest = Number.POSITIVE_INFINITY;
  let fellAt = Date.now();
  for (;;) {
    const pending = await countAllPending(client, ours);
    options.onPoll?.(pending);
    if (pending === 0) return true;
    if (pending < fewest) {
      fewest = pending;
      fellAt = Date.now();
    } else if (Date.now() - fellAt >= stallMs) {
      return false;
    }
    await sleep(options.drainPollMs ?? 5_000);
  }
}

/** How many of ours are PENDING, every page read. */
async function countAllPending(client: BenchPlatform, ours: ReadonlySet<string>): Promise<number> {
  let pending = 0;
  let cursor: string | null = null;
  do {
    const { body: page }: { body: OrderPage } = await client.api.listOrders({
      status: 'PENDING',
      limit: '100',
      ...(cursor ? { cursor } : {}),
    });
    pending += page.items.filter((order) => ours.has(order.orderId)).length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pending;
}

/** How many of ours are PENDING, counted up to the first page holding some (a lower bound then). */
async function countPending(client: BenchPlatform, ours: ReadonlySet<string>): Promise<number> {
  let pending = 0;
  let cursor: string | null = null;
  do {
    const { body: page }: { body: OrderPage } = await client.api.listOrders({
      status: 'PENDING',
      limit: '100',
      ...(cursor ? { cursor } : {}),
    });
    pending += page.items.filter((order) => ours.has(order.orderId)).length;
    cursor = pending > 0 ? null : page.nextCursor;
  } while (cursor !== null);
  return pending;
}

/** The run's orders as they are now, listed per customer. */
async function readOrders(
  client: BenchPlatform,
  customers: readonly string[],
  ours: ReadonlySet<string>,
): Promise<OrderSummary[]> {
  const found: OrderSummary[] = [];
  for (const customerId of customers) {
    let cursor: string | null = null;
    do {
      const { body: page }: { body: OrderPage } = await client.api.listOrders({
        customerId,
        limit: '100',
        ...(cursor ? { cursor } : {}),
      });
      found.push(...page.items.filter((order) => ours.has(order.orderId)));
      cursor = page.nextCursor;
    } while (cursor !== null);
  }
  return found;
}
