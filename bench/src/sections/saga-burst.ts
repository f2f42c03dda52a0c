import type { BenchSection } from '../section.ts';
import { PlatformClient } from '../saga/platform-client.ts';
import { runBurst } from '../saga/run-burst.ts';

/**
 * A burst of N orders through POST /orders, as fast as the order API takes them, and the time until
 * every one has ended: the platform's saga throughput, end to end, through its public API.
 */
export const sagaBurst: BenchSection = {
  name: 'saga-burst',
  title: 'Saga throughput: a burst of orders, until every one has ended',
  async run({ mode, config, progress, findings }) {
    const count = Number(process.env.BENCH_BURST ?? (mode === 'quick' ? 500 : 2_000));
    const client = new PlatformClient(config);
    const { figures, timedOut } = await runBurst(client, count, {
      timeoutMs: mode === 'quick' ? 120_000 : 600_000,
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
