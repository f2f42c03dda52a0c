import { expect } from 'chai';
import type { RunRecord } from '../src/run-record.ts';
import { drawCharts, type DrawnChart } from '../src/report/charts.ts';

/** A small run by hand: what bench.ts writes, with the series the saga sections return. */
const sample: RunRecord = {
  mode: 'full',
  startedAt: '2026-12-02T12:47:28.765Z',
  finishedAt: '2026-12-02T13:17:28.765Z',
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryBytes: 25_275_990_016 },
  node: 'v24.21.0',
  results: [
    {
      section: 'raw-pipeline',
      rows: [
        { name: 'raw pipeline, per message: burst 300', value: 412.5, unit: 'pipelines/s' },
        { name: 'raw pipeline, per message: latency p50 at 50/s', value: 12, unit: 'ms' },
        { name: 'raw pipeline, batched: burst 300', value: 6_180, unit: 'pipelines/s' },
      ],
    },
    {
      section: 'saga-burst',
      rows: [{ name: 'burst of 300: sagas/s until all ended', value: 6.18, unit: 'sagas/s' }],
    },
    {
      section: 'saga-latency',
      rows: [{ name: '16/s: skipped', value: 0, unit: '' }],
      series: {
        latency: [
          { offeredPerSecond: 2, p50: 180, p95: 240, p99: 300, completedPerSecond: 2 },
          { offeredPerSecond: 4, p50: 210, p95: 320, p99: 450, completedPerSecond: 4 },
          { offeredPerSecond: 8, p50: 2_400, p95: 9_000, p99: 14_000, completedPerSecond: 6.1 },
        ],
      },
    },
    {
      section: 'saga-overload',
      rows: [{ name: 'completed, lowest window ÷ peak', value: 0.9, unit: '×' }],
      series: {
        overload: [
          { second: 1, offeredPerSecond: 12, completedPerSecond: 5 },
          { second: 2, offeredPerSecond: 12, completedPerSecond: 6 },
          { second: 3, offeredPerSecond: 12, completedPerSecond: 6 },
          { second: 4, offeredPerSecond: 12, completedPerSecond: 5.5 },
        ],
      },
    },
  ],
};

/** How many items of one kind (bar, point, …) the SVG draws: vega labels each mark item with its role. */
function marks(svg: string, role: string): number {
  return svg.split(`aria-roledescription="${role}"`).length - 1;
}

function chart(drawn: readonly DrawnChart[], name: string): string {
  const found = drawn.find((c) => c.name === name);
  expect(found, `chart ${name}`).to.exist;
  return found!.svg;
}

describe('charts of a run', function () {
  // Compiling and laying out a chart takes a moment on a busy machine; no Kafka or browser is involved.
  this.timeout(20_000);
  let drawn: DrawnChart[];
  before(async () => {
    drawn = await drawCharts(sample);
  });

  it('draws latency, throughput and overload from a run that has their data', () => {
    expect(drawn.map((c) => c.name)).to.deep.equal(['latency', 'throughput', 'overload']);
    for (const { svg } of drawn) expect(svg).to.match(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('captions every chart with the run’s mode, date and machine', () => {
    for (const { svg } of drawn) {
      expect(svg).to.include('full run, 2026-12-02 12:47 UTC · 2 × AMD EPYC, 23.5 GiB · Node v24.21.0');
    }
  });

  it('latency: p50, p95 and p99 against offered rate, a point each', () => {
    const svg = chart(drawn, 'latency');
    expect(svg).to.include('>Saga latency against offered rate</text>');
    expect(svg).to.include('>offered rate (sagas/s, log scale)</text>');
    expect(svg).to.include('>latency (ms, log scale)</text>');
    expect(marks(svg, 'point')).to.equal(3 * 3);
    expect(marks(svg, 'line mark')).to.equal(3);
  });

  it('throughput: a bar per pipelines/s or sagas/s row, labelled with its value', () => {
    const svg = chart(drawn, 'throughput');
    expect(svg).to.include('>Throughput</text>');
    expect(svg).to.include('>pipelines/s or sagas/s (log scale)</text>');
    expect(svg).to.include('>measurement</text>');
    expect(marks(svg, 'bar')).to.equal(3);
    expect(svg).to.include('>6,180 pipelines/s</text>');
    expect(svg).to.include('>6.18 sagas/s</text>');
    expect(svg).not.to.include('latency p50 at 50/s');
  });

  it('throughput: rows of the same name in two sections keep a bar each', async () => {
    const twice: RunRecord = {
      ...sample,
      results: ['saga-burst', 'saga-overload'].map((section) => ({
        section,
        rows: [{ name: 'completed', value: 6, unit: 'sagas/s' }],
      })),
    };
    const svg = chart(await drawCharts(twice), 'throughput');
    expect(marks(svg, 'bar')).to.equal(2);
    expect(svg).to.include('>saga-overload: completed</text>');
  });

  it('overload: completed/s and offered/s over time, a point each', () => {
    const svg = chart(drawn, 'overload');
    expect(svg).to.include('>Overload: sagas completed against offered, over time</text>');
    expect(svg).to.include('>time since the load began (s)</text>');
    expect(svg).to.include('>rate (sagas/s)</text>');
    expect(marks(svg, 'point')).to.equal(4 * 2);
  });

  it('draws no chart whose data the run lacks', async () => {
    const burstOnly = { ...sample, results: sample.results.filter((r) => r.section === 'saga-burst') };
    expect((await drawCharts(burstOnly)).map((c) => c.name)).to.deep.equal(['throughput']);
    const latencyOnly = { ...sample, results: sample.results.filter((r) => r.section === 'saga-latency') };
    expect((await drawCharts(latencyOnly)).map((c) => c.name)).to.deep.equal(['latency']);
    const codecOnly: RunRecord = {
      ...sample,
      results: [{ section: 'codec', rows: [{ name: 'encode', value: 90_000, unit: 'ops/s' }], series: {} }],
    };
    expect(await drawCharts(codecOnly)).to.deep.equal([]);
  });
});
