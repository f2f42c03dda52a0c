import { referencePace } from '../estimate/reference-pace.ts';
import type { BenchContext, BenchSection, Measurement } from '../section.ts';
import { addCorrectness, judgeOrders, noOrdersChecked } from '../correctness/correctness.ts';
import { awaitSettled } from '../saga/await-settled.ts';
import { BenchShop } from '../saga/bench-shop.ts';
import { hopBreakdown } from '../saga/hop-breakdown.ts';
import { placeOrders } from '../saga/order-load.ts';
import { benchPlatform } from '../saga/bench-platform.ts';
import { settledFigures } from '../saga/settled-figures.ts';

/**
 * Rates and how long each is offered. quick: an unloaded rate (which also gives the per-stage
 * breakdown) and one near the capacity's knee, long enough for some tens of orders each.
 */
const plans = {
  quick: { rates: [2, 5], seconds: 8, timeoutMs: 90_000 },
  full: { rates: [1, 2, 5, 10, 20, 50], seconds: 120, timeoutMs: 300_000 },
} as const satisfies Readonly<Record<BenchContext['mode'], unknown>>;

/** Sagas read for the per-stage breakdown at the first rate. */
const breakdownSample = 50;

/** Beyond this p50 the platform is past its capacity: higher rates would only measure a queue. */
const saturatedP50Ms = 10_000;

/**
 * Orders offered at fixed rates (an open load: each order on its schedule, whatever the answers),
 * each rate for a while, and the latency of each order from stored to ended. Rates go up until the
 * platform saturates; the higher ones are then skipped and said so.
 */
export const sagaLatency: BenchSection = {
  name: 'saga-latency',
  title: 'Saga latency at fixed offered rates (order stored → ended)',
  estimatedSeconds(mode) {
    const { rates, seconds } = plans[mode];
    // A rate past the capacity is offered on schedule but ends at the capacity, draining after.
    const perRate = rates.map(
      (rate) =>
        referencePace.shopOpenSeconds +
        Math.max(seconds, (rate * seconds) / referencePace.sagasPerSecond) +
        2,
    );
    return perRate.reduce((a, b) => a + b, 0) + breakdownSample / referencePace.sagaReadsPerSecond;
  },
  async run({ mode, config, progress }) {
    const { rates, seconds, timeoutMs } = plans[mode];
    const client = benchPlatform(config);
    const rows: Measurement[] = [];
    const latency: Record<string, number>[] = [];
    let correctness = noOrdersChecked;
    for (const rate of rates) {
      const previous = latency.at(-1);
      if (previous && previous.p50 !== undefined && previous.p50 > saturatedP50Ms) {
        rows.push({
          name: `${rate}/s: skipped`,
          value: 0,
          unit: '',
          detail: { why: 'saturated at a lower rate' },
        });
        continue;
      }
      const count = Math.round(rate * seconds);
      const shop = new BenchShop(client, count);
      await shop.open();
      progress(`offering ${rate} orders/s for ${seconds} s`);
      const placed = await placeOrders(client, shop, { count, ratePerSecond: rate });
      const { orders, timedOut } = await awaitSettled(
        client,
        shop.customers,
        placed.map((p) => p.orderId),
        {
          timeoutMs,
          onPoll: (pending) => {
            if (pending > 0) progress(`${rate}/s: ${pending}+ still PENDING`);
          },
        },
      );
      const figures = settledFigures(orders);
      correctness = addCorrectness(correctness, judgeOrders(placed, orders));
      const { p50, p95, p99 } = figures.latencyMs;
      latency.push({ offeredPerSecond: rate, p50, p95, p99, completedPerSecond: figures.sagasPerSecond });
      const outcome = {
        confirmed: figures.confirmed,
        cancelled: figures.cancelled,
        pending: figures.pending,
        timedOut,
      };
      if (rate === rates[0]) {
        // Unloaded, where each stage's time is its own and not a queue's.
        for (const { stage, p50: ms } of await hopBreakdown(client, orders, breakdownSample)) {
          rows.push({ name: `${rate}/s: ${stage}, p50`, value: ms, unit: 'ms' });
        }
      }
      rows.push(
        { name: `${rate}/s for ${seconds} s: latency p50`, value: p50, unit: 'ms', detail: outcome },
        { name: `${rate}/s for ${seconds} s: latency p95`, value: p95, unit: 'ms' },
        { name: `${rate}/s for ${seconds} s: latency p99`, value: p99, unit: 'ms' },
        { name: `${rate}/s for ${seconds} s: completed`, value: figures.sagasPerSecond, unit: 'sagas/s' },
      );
    }
    return { section: 'saga-latency', rows, series: { latency }, correctness };
  },
};
