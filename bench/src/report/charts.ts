import type { TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../run-record.ts';
import { latencyChart } from './latency-chart.ts';
import { overloadChart } from './overload-chart.ts';
import { renderSvg } from './render-svg.ts';
import { throughputChart } from './throughput-chart.ts';

/** A chart drawn from a run: `name` goes into its file names (`<stamp>-<mode>-<name>.svg`, `<name>.svg`). */
export interface DrawnChart {
  readonly name: string;
  readonly svg: string;
}

/** Each chart by name; a chart returns no spec when the run lacks its data (a section not run). */
const charts: readonly { name: string; spec: (record: RunRecord) => TopLevelSpec | undefined }[] = [
  { name: 'latency', spec: latencyChart },
  { name: 'throughput', spec: throughputChart },
  { name: 'overload', spec: overloadChart },
];

/** The charts of a run, as SVG, skipping those whose data the run does not have. */
export async function drawCharts(record: RunRecord): Promise<DrawnChart[]> {
  const drawn: DrawnChart[] = [];
  for (const chart of charts) {
    const spec = chart.spec(record);
    if (spec) drawn.push({ name: chart.name, svg: await renderSvg(spec) });
  }
  return drawn;
}
