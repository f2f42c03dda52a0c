import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../run-record.ts';
import { drawCharts } from './charts.ts';

export interface WriteChartsOptions {
  /** The run's JSON: each chart goes beside it, as `<stamp>-<mode>-<chart>.svg`. */
  readonly beside: string;
  /**
   * Also copy each chart here as `<chart>.svg` (docs/performance/), where the docs embed the latest. A
   * chart this run has no data for keeps the copy an earlier run drew; its caption says which run.
   */
  readonly copyTo?: string;
}

/** Draws the run's charts and writes them; returns the files written. */
export async function writeCharts(record: RunRecord, options: WriteChartsOptions): Promise<string[]> {
  const stem = options.beside.replace(/\.json$/, '');
  const written: string[] = [];
  for (const chart of await drawCharts(record)) {
    const files = [`${stem}-${chart.name}.svg`];
    if (options.copyTo !== undefined) {
      mkdirSync(options.copyTo, { recursive: true });
      files.push(join(options.copyTo, `${chart.name}.svg`));
    }
    for (const file of files) writeFileSync(file, `${chart.svg}\n`);
    written.push(...files);
  }
  return written;
}
