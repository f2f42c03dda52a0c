import { referencePace } from '../estimate/reference-pace.ts';
import type { BenchContext, BenchSection } from '../section.ts';
import { awaitSettled } from '../saga/await-settled.ts';
import { BenchShop } from '../saga/bench-shop.ts';
import { placeOrders } from '../saga/order-load.ts';
import type { OrderSummary } from '../saga/bench-platform.ts';
import { benchPlatform } from '../saga/bench-platform.ts';
import { countResends } from '../saga/resend-count.ts';
import { runBurst } from '../saga/run-burst.ts';
import { settledFigures } from '../saga/settled-figures.ts';
import { addCorrectness, judgeOrders, noOrdersChecked } from '../correctness/correctness.ts';

const bucketSeconds = 5;

/**
 * How long twice the capacity is offered. quick: long enough for a backlog to build over a few 5-s
 * windows (the held-up figure reads the windows between the first and the last); full: the issue's
 * 60 s.
 */
const plans = {
  quick: { seconds: 12, timeoutMs: 180_000 },
  full: { seconds: 60, timeoutMs: 900_000 },
} as const satisfies Readonly<Record<BenchContext['mode'], unknown>>;

/** Sagas whose histories are read for the re-send count. */
const resendSample = 300;

/**
 * Twice the measured capacity, offered for a while: does the platform slow down gracefully (the
 * completion rate holds near its peak, deadlines do not fire into a backlog and re-send work) and
 * drain afterwards, losing nothing? Capacity comes from the burst section of the same run, or a
 * small burst of its own when run alone.
 */
export const sagaOverload: BenchSection = {
  name: 'saga-overload',
  title: 'Overload: twice the measured capacity, then the drain',
  estimatedSeconds(mode) {
    // Offered at twice the capacity, ended at the capacity: the drain takes as long as the offer.
    const { seconds } = plans[mode];
    const orders = 2 * referencePace.sagasPerSecond * seconds;
    const resends = Math.min(orders, resendSample) / referencePace.sagaReadsPerSecond;
    return referencePace.shopOpenSeconds + 2 * seconds + 2 + resends;
  },
  async run({ mode, config, progress, findings }) {
    const { seconds, timeoutMs } = plans[mode];
    const client = benchPlatform(config);
    let capacity = findings.get('saga-capacity');
    // The capacity burst's orders are checked too: a lost order is lost whatever it was placed for.
    let checkedBefore = noOrdersChecked;
    if (capacity === undefined) {
      progress('no capacity measured in this run: a burst of 150 first');
      const burst = await runBurst(client, 150, { timeoutMs: 300_000 });
      capacity = burst.figures.sagasPerSecond;
      checkedBefore = burst.correctness;
    }
    const offered = Math.max(1, 2 * capacity);
    const count = Math.max(1, Math.round(offered * seconds));
    const shop = new BenchShop(client, count);
    await shop.open();
    progress(`offering ${offered.toFixed(1)} orders/s (2 × ${capacity.toFixed(1)}) for ${seconds} s`);
    const begin = Date.now();
    const placed = await placeOrders(client, shop, { count, ratePerSecond: offered });
    const offeredUntil = Date.now();
    const { orders, timedOut } = await awaitSettled(
      client,
      shop.customers,
      placed.map((p) => p.orderId),
      {
        timeoutMs,
        onPoll: (pending) => {
          if (pending > 0) progress(`draining: ${pending}+ still PENDING`);
        },
      },
    );
    const figures = settledFigures(orders);
    const correctness = addCorrectness(checkedBefore, judgeOrders(placed, orders));
    const series = completionSeries(orders, begin, offeredUntil, offered);
    // The first bucket is the pipeline filling, the last a partial one: neither says how it holds up.
    const steady = series.slice(1, -1).map((bucket) => bucket.completedPerSecond);
    const peak = Math.max(0, ...steady);
    const held = steady.length > 0 ? Math.min(...steady) / (peak || 1) : 0;
    const lastEnded = Math.max(
      0,
      ...orders.filter((o) => o.status !== 'PENDING').map((o) => Date.parse(o.updatedAt)),
    );
    progress('counting deadline re-sends from the sagas’ histories');
    const resends = await countResends(
      client,
      placed.map((p) => p.orderId),
      resendSample,
    );
    return {
      section: 'saga-overload',
      correctness,
      rows: [
        {
          name: `offered ${offered.toFixed(1)}/s for ${seconds} s`,
          value: offered,
          unit: 'sagas/s',
          detail: { capacity },
        },
        { name: 'completed, peak of 5-s windows', value: peak, unit: 'sagas/s' },
        { name: 'completed, lowest window ÷ peak', value: held, unit: '×' },
        {
          name: 'deadline re-sends ÷ commands',
          value: resends.commands > 0 ? resends.resends / resends.commands : 0,
          unit: '×',
          detail: resends,
        },
        {
          name: 'orders not ended at the timeout (stuck)',
          value: figures.pending,
          unit: 'orders',
          detail: { confirmed: figures.confirmed, cancelled: figures.cancelled, timedOut },
        },
        {
          name: 'drain after the offer stopped',
          value: Math.max(0, lastEnded - offeredUntil) / 1_000,
          unit: 's',
        },
      ],
      series: { overload: series },
    };
  },
};

/** Orders ended per second in 5-s windows from the first order on, beside the rate offered then. */
function completionSeries(
  orders: readonly OrderSummary[],
  begin: number,
  offeredUntil: number,
  offered: number,
) {
  const ended = orders.filter((o) => o.status !== 'PENDING').map((o) => Date.parse(o.updatedAt) - begin);
  const windows = Math.max(1, Math.ceil(Math.max(0, ...ended) / 1_000 / bucketSeconds));
  return Array.from({ length: windows }, (_, i) => {
    const from = i * bucketSeconds * 1_000;
    const to = from + bucketSeconds * 1_000;
    return {
      second: i * bucketSeconds,
      completedPerSecond: ended.filter((t) => t >= from && t < to).length / bucketSeconds,
      offeredPerSecond: begin + from < offeredUntil ? offered : 0,
    };
  });
}
