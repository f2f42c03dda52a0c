import { judgeOrders, type Correctness } from '../correctness/correctness.ts';
import { awaitSettled } from './await-settled.ts';
import { BenchShop } from './bench-shop.ts';
import { placeOrders, type Placed } from './order-load.ts';
import type { OrderSummary, BenchPlatform } from './bench-platform.ts';
import { settledFigures, type SettledFigures } from './settled-figures.ts';

export interface BurstOptions {
  /** How long to wait for the last order to end before taking the figures as they are. */
  readonly timeoutMs: number;
  readonly progress?: (message: string) => void;
}

/** What one burst did: the orders it placed, how each ended, and the figures of those. */
export interface BurstOutcome {
  readonly placed: readonly Placed[];
  readonly orders: readonly OrderSummary[];
  readonly figures: SettledFigures;
  /** Some orders were still PENDING at the timeout: the figures cover the ended ones only. */
  readonly timedOut: boolean;
  /** Whether every order placed ended as the shop expects it to (none lost, stuck or wrong). */
  readonly correctness: Correctness;
}

/**
 * A burst of `count` orders through POST /orders, as fast as the order API takes them, on a shop of
 * its own (fresh SKUs and customers, stocked and funded), and the wait until every one has ended. One
 * code path for every section that quotes a burst, so their figures mean the same thing.
 */
export async function runBurst(
  client: BenchPlatform,
  count: number,
  options: BurstOptions,
): Promise<BurstOutcome> {
  const progress = options.progress ?? (() => undefined);
  const shop = new BenchShop(client, count);
  await shop.open();
  progress(`placing ${count} orders`);
  const placed = await placeOrders(client, shop, {
    count,
    onPlaced: (n) => {
      if (n % 100 === 0) progress(`placed ${n} of ${count}`);
    },
  });
  const { orders, timedOut } = await awaitSettled(
    client,
    shop.customers,
    placed.map((p) => p.orderId),
    {
      timeoutMs: options.timeoutMs,
      onPoll: (pending) => {
        progress(`${pending > 0 ? `${pending}+` : 'none'} of ${count} still PENDING`);
      },
    },
  );
  return {
    placed,
    orders,
    figures: settledFigures(orders),
    timedOut,
    correctness: judgeOrders(placed, orders),
  };
}
