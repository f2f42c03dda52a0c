import type { TopLevelSpec } from 'vega-lite';
import { seriesOf, type RunRecord } from '../run-record.ts';
import { chartCaption } from './chart-caption.ts';

const percentiles = ['p50', 'p95', 'p99'] as const;

/**
 * Saga latency percentiles against the offered rate, from the `latency` series (records of
 * `offeredPerSecond`, `p50`, `p95`, `p99`, in ms); undefined when the run has no such series. Both scales
 * are logarithmic: the rates go up by steps of about twice, and past saturation latency grows by orders of
 * magnitude; the knee is what matters. A rate with nothing ended (0 ms) has no place on them and is left out.
 */
export function latencyChart(record: RunRecord): TopLevelSpec | undefined {
  const points = seriesOf(record, 'latency').flatMap((point) =>
    percentiles.flatMap((percentile) => {
      const ms = point[percentile];
      const offeredPerSecond = point['offeredPerSecond'];
      return ms === undefined || offeredPerSecond === undefined || ms <= 0 || offeredPerSecond <= 0
        ? []
        : [{ offeredPerSecond, percentile, ms }];
    }),
  );
  if (points.length === 0) return undefined;
  return {
    title: { text: 'Saga latency against offered rate', subtitle: chartCaption(record) },
    width: 560,
    height: 300,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'offeredPerSecond',
        type: 'quantitative',
        scale: { type: 'log' },
        title: 'offered rate (sagas/s, log scale)',
      },
      y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'latency (ms, log scale)' },
      color: { field: 'percentile', type: 'nominal', title: 'percentile', sort: [...percentiles] },
    },
  };
}
