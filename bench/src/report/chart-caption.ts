import type { RunRecord } from '../run-record.ts';

/**
 * The line under a chart's title that says where its figures come from: a quick run on a laptop and a
 * full run on a server draw different charts, and a chart copied into the docs outlives its run.
 */
export function chartCaption(record: RunRecord): string {
  const { cpus, cpuModel, memoryBytes } = record.machine;
  const started = record.startedAt.slice(0, 16).replace('T', ' ');
  const memory = (memoryBytes / 2 ** 30).toFixed(1);
  return `${record.mode} run, ${started} UTC · ${cpus} × ${cpuModel}, ${memory} GiB · Node ${record.node}`;
}
