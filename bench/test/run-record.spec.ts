import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunRecord, seriesOf, type RunRecord } from '../src/run-record.ts';
import { UnreadableRunRecordError } from '../src/unreadable-run-record-error.ts';

const record: RunRecord = {
  mode: 'quick',
  startedAt: '2026-12-02T12:47:28.765Z',
  finishedAt: '2026-12-02T12:48:21.467Z',
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryBytes: 25_275_990_016 },
  node: 'v24.21.0',
  results: [
    { section: 'saga-burst', rows: [] },
    { section: 'saga-overload', rows: [], series: { overload: [{ second: 0, completedPerSecond: 3 }] } },
  ],
};

describe('run record', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-record-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a series by name in whichever section returned it, or none', () => {
    expect(seriesOf(record, 'overload')).to.deep.equal([{ second: 0, completedPerSecond: 3 }]);
    expect(seriesOf(record, 'latency')).to.deep.equal([]);
  });

  it('reads back what bench.ts wrote', () => {
    const file = join(dir, 'run.json');
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    expect(readRunRecord(file)).to.deep.equal(record);
  });

  it('names the file that is not a run', () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, '{"name": "@saga/bench"}');
    expect(() => readRunRecord(file))
      .to.throw(UnreadableRunRecordError, /other\.json: lacks mode/)
      .with.property('code', 'BENCH_UNREADABLE_RUN_RECORD');
    expect(() => readRunRecord(join(dir, 'missing.json'))).to.throw(
      UnreadableRunRecordError,
      /not a readable/,
    );
  });
});
