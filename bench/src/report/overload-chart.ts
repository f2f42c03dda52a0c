import type { TopLevelSpec } from 'vega-lite';
import { seriesOf, type RunRecord } from '../run-record.ts';
import { chartCaption } from './chart-caption.ts';

const rates = [
  { key: 'offeredPerSecond', label: 'offered' },
  { key: 'completedPerSecond', label: 'completed' },
] as const;

/**
 * Completed and offered sagas per second over an overload run, from the `overload` series (records of
 * `second`, `completedPerSecond`, `offeredPerSecond`); undefined when the run has no such series. The gap
 * between the two lines is the backlog growing; completed/s staying level under it is the platform holding.
 */
export function overloadChart(record: RunRecord): TopLevelSpec | undefined {
  const points = seriesOf(record, 'overload').flatMap((point) =>
    rates.flatMap(({ key, label }) => {
      const perSecond = point[key];
      const second = point['second'];
      return perSecond === undefined || second === undefined ? [] : [{ second, rate: label, perSecond }];
    }),
  );
  if (points.length === 0) return undefined;
  return {
    title: { text: 'Overload: sagas completed against offered, over time', subtitle: chartCaption(record) },
    width: 560,
    height: 300,
    data: { values: points },
    mark: { type: 'line', point: { size: 16 } },
    encoding: {
      x: { field: 'second', type: 'quantitative', title: 'time since the load began (s)' },
      y: { field: 'perSecond', type: 'quantitative', title: 'rate (sagas/s)' },
      color: { field: 'rate', type: 'nominal', title: 'rate', sort: rates.map((rate) => rate.label) },
    },
  };
}
