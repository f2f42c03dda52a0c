import { burstSeconds } from '../estimate/reference-pace.ts';
import { InvalidSettingError } from '../invalid-setting-error.ts';
import type { BenchContext, BenchSection } from '../section.ts';
import { benchPlatform } from '../saga/bench-platform.ts';
import { runBurst } from '../saga/run-burst.ts';

/**
 * Sizes per mode. quick: enough orders to queue up well past the pipeline's depth (the figure is the
 * drain rate of a backlog, not of a handful); full: the burst of 2,000.
 */
const plans = {
  quick: { orders: 200, timeoutMs: 120_000 },
  full: { orders: 2_000, timeoutMs: 600_000 },
} as const;

/**
 * A burst of N orders through POST /orders, as fast as the order API takes them, and the time until
 * every one has ended: the platform's saga throughput, end to end, through its public API.
 */
export const sagaBurst: BenchSection = {
  name: 'saga-burst',
  title: 'Saga throughput: a burst of orders, until every one has ended',
  estimatedSeconds: (mode) => burstSeconds(burstSize(mode)),
  async run({ mode, config, progress, findings }) {
    const count = burstSize(mode);
    const client = benchPlatform(config);
    const { figures, timedOut, correctness } = await runBurst(client, count, {
      timeoutMs: plans[mode].timeoutMs,
      progress,
    });
    if (!timedOut) findings.set('saga-capacity', figures.sagasPerSecond);
    const outcome = {
      confirmed: figures.confirmed,
      cancelled: figures.cancelled,
      pending: figures.pending,
      timedOut,
    };
    return {
      section: 'saga-burst',
      correctness,
      rows: [
        {
          name: `burst of ${count}: sagas/s until all ended`,
          value: figures.sagasPerSecond,
          unit: 'sagas/s',
          detail: outcome,
        },
        { name: `burst of ${count}: latency p50`, value: figures.latencyMs.p50, unit: 'ms' },
        { name: `burst of ${count}: latency p99`, value: figures.latencyMs.p99, unit: 'ms' },
      ],
    };
  },
};

/** How many orders the burst places: BENCH_BURST, or the mode's. */
function burstSize(mode: BenchContext['mode']): number {
  const set = process.env.BENCH_BURST;
  if (set === undefined) return plans[mode].orders;
  const count = Number(set);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InvalidSettingError('BENCH_BURST', set, 'a whole number of orders, 1 or more');
  }
  return count;
}
