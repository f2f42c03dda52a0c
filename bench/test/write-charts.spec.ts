import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '../src/run-record.ts';
import { writeCharts } from '../src/report/write-charts.ts';

const burstOnly: RunRecord = {
  mode: 'quick',
  startedAt: '2026-12-02T12:47:28.765Z',
  finishedAt: '2026-12-02T12:48:21.467Z',
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryBytes: 25_275_990_016 },
  node: 'v24.21.0',
  results: [
    { section: 'saga-burst', rows: [{ name: 'burst of 300: sagas/s', value: 6.18, unit: 'sagas/s' }] },
  ],
};

describe('writeCharts', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-charts-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each chart beside the run’s JSON as <stamp>-<mode>-<chart>.svg', async () => {
    const json = join(dir, '2026-12-02T12-47-28-quick.json');
    const written = await writeCharts(burstOnly, { beside: json });
    expect(written).to.deep.equal([join(dir, '2026-12-02T12-47-28-quick-throughput.svg')]);
    expect(readFileSync(written[0]!, 'utf8')).to.match(/^<svg /);
  });

  it('copies each chart as <chart>.svg into the docs folder, making it', async () => {
    const docs = join(dir, 'docs', 'performance');
    await writeCharts(burstOnly, { beside: join(dir, 'run.json'), copyTo: docs });
    expect(readdirSync(docs)).to.deep.equal(['throughput.svg']);
    expect(readFileSync(join(docs, 'throughput.svg'), 'utf8')).to.equal(
      readFileSync(join(dir, 'run-throughput.svg'), 'utf8'),
    );
  });
});
