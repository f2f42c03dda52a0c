import type { TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../run-record.ts';
import { chartCaption } from './chart-caption.ts';

/** The units of the rows that measure how much the platform carries, as opposed to how fast or how often. */
const throughputUnits = ['pipelines/s', 'sagas/s'];

/**
 * Every throughput row of the run (raw pipeline per message and batched, saga burst, …) as one bar each,
 * coloured by its section and labelled with its value; undefined when the run has none. The scale is
 * logarithmic because the rows differ by a thousand times: a bare pipeline is not a saga. A row of 0 has
 * no place on it and is left out.
 */
export function throughputChart(record: RunRecord): TopLevelSpec | undefined {
  const rows = record.results.flatMap((result) =>
    result.rows
      .filter((row) => throughputUnits.includes(row.unit) && row.value > 0)
      .map((row) => ({ section: result.section, name: row.name, value: row.value, unit: row.unit })),
  );
  if (rows.length === 0) return undefined;
  // A bar's band is its name: a name two sections share gets its section, or their bars would overlap.
  const shared = (name: string) => rows.filter((row) => row.name === name).length > 1;
  const bars = rows.map((row) => (shared(row.name) ? { ...row, name: `${row.section}: ${row.name}` } : row));
  const units = throughputUnits.filter((unit) => bars.some((bar) => bar.unit === unit));
  const values = bars.map((bar) => bar.value);
  // Whole decades around the bars, the lowest one below the smallest bar so that it still shows as a bar:
  // a log scale has no zero to start bars from.
  const domainMin = 10 ** (Math.ceil(Math.log10(Math.min(...values))) - 1);
  const domainMax = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  return {
    title: { text: 'Throughput', subtitle: chartCaption(record) },
    width: 560,
    height: { step: 28 },
    data: { values: bars },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: 'measurement', axis: { labelLimit: 0 } },
      x: {
        field: 'value',
        type: 'quantitative',
        scale: { type: 'log', domainMin, domainMax },
        stack: null,
        title: `${units.join(' or ')} (log scale)`,
      },
    },
    layer: [
      {
        mark: 'bar',
        encoding: {
          color: { field: 'section', type: 'nominal', title: 'section', legend: { orient: 'bottom' } },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4 },
        encoding: { text: { field: 'label', type: 'nominal' } },
        transform: [{ calculate: "format(datum.value, ',.3~r') + ' ' + datum.unit", as: 'label' }],
      },
    ],
  };
}
