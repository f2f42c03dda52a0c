/**
 * Runs one section of the bench on its own, against the configured infrastructure (KAFKA_BROKERS,
 * SCHEMA_REGISTRY_URL, ... or the local stack's), and prints its rows, then the result as one JSON line:
 *
 *   npm run -w @saga/bench section -- raw-pipeline            (quick mode)
 *   npm run -w @saga/bench section -- codec --mode full
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '@saga/config';
import { BenchInterruptedError } from './bench-interrupted-error.ts';
import type { BenchContext, Measurement } from './section.ts';
import { sections } from './sections/index.ts';

const usage = `usage: npm run -w @saga/bench section -- <${sections.map((s) => s.name).join('|')}> [--mode quick|full]`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { mode: { type: 'string', default: 'quick' } },
  });
  const section = sections.find((s) => s.name === positionals[0]);
  const mode = values.mode;
  if (!section || positionals.length !== 1 || (mode !== 'quick' && mode !== 'full')) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const started = performance.now();
  const context: BenchContext = {
    mode,
    config: loadConfig(),
    progress: (message) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
      process.stderr.write(`  ${seconds} s  ${message}\n`);
    },
  };
  process.stdout.write(`${section.title} (${mode})\n`);
  try {
    const result = await section.run(context);
    for (const row of result.rows) process.stdout.write(`  ${row.name.padEnd(58)} ${format(row)}\n`);
    process.stdout.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${section.name}: ${(error as Error).message}\n`);
    return error instanceof BenchInterruptedError ? 130 : 1;
  }
}

function format(row: Measurement): string {
  const digits = row.value >= 100 ? 0 : 1;
  return `${row.value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${row.unit}`;
}

process.exitCode = await main();
