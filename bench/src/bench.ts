/**
 * `npm run bench [-- --full] [-- --only saga-burst,codec]`: measures the platform on the local stack
 * (or on KAFKA_BROKERS / MONGO_URL / SCHEMA_REGISTRY_URL of your own), prints a table, and writes the
 * figures as JSON under bench/results/ and their charts as SVG beside it and in docs/performance/. A
 * benchmark, not a test, with one exception: every order a section places must end as expected
 * (none lost, stuck or wrong), or the run fails with exit code 1. Timing never fails a run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { loadConfig, repoRoot } from '@saga/config';
import type { BenchContext, SectionResult } from './section.ts';
import { sections } from './sections/index.ts';
import { formatRows } from './report/format-rows.ts';
import { writeCharts } from './report/write-charts.ts';
import { formatDuration } from './estimate/format-duration.ts';
import { BenchInterruptedError } from './bench-interrupted-error.ts';
import { describeCorrectness } from './correctness/describe-correctness.ts';
import { IncorrectOutcomesError } from './correctness/incorrect-outcomes-error.ts';
import { incorrectSections } from './correctness/verdict.ts';

async function main(argv: readonly string[]): Promise<number> {
  const mode = argv.includes('--full') ? 'full' : 'quick';
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
  const unknown = only?.filter((name) => !sections.some((section) => section.name === name)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown section(s): ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}\n`,
    );
    return 2;
  }
  const chosen = sections.filter((section) => !only || only.includes(section.name));
  const config = loadConfig();
  const startedAt = new Date();
  const results: SectionResult[] = [];
  const findings = new Map<string, number>();
  const estimate = chosen.reduce((seconds, section) => seconds + section.estimatedSeconds(mode), 0);
  process.stdout.write(
    `bench (${mode}, ${formatDuration(estimate)} on the reference 2-core machine): ${chosen.map((s) => s.name).join(', ')}\n`,
  );
  for (const section of chosen) {
    process.stdout.write(`\n${section.title} (${formatDuration(section.estimatedSeconds(mode))})\n`);
    const began = Date.now();
    const context: BenchContext = {
      mode,
      config,
      findings,
      progress: (message) =>
        process.stdout.write(`  … ${((Date.now() - began) / 1_000).toFixed(0).padStart(4)} s  ${message}\n`),
    };
    const result = await section.run(context);
    const seconds = Math.round((Date.now() - began) / 100) / 10;
    results.push({ ...result, seconds });
    process.stdout.write(formatRows(result.rows));
    if (result.correctness) {
      process.stdout.write(`  correctness: ${describeCorrectness(result.correctness, { examples: true })}\n`);
    }
    process.stdout.write(`  took ${seconds.toFixed(0)} s\n`);
  }
  const record = {
    mode,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem() },
    node: process.version,
    results,
  };
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replaceAll(':', '-').slice(0, 19)}-${mode}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  const took = (Date.now() - startedAt.getTime()) / 1_000;
  process.stdout.write(`\n${mode} run took ${took.toFixed(0)} s (estimated ${formatDuration(estimate)})\n`);
  process.stdout.write(`wrote ${file}\n`);
  const charts = await writeCharts(record, { beside: file, copyTo: join(repoRoot, 'docs', 'performance') });
  process.stdout.write(charts.map((chart) => `wrote ${chart}\n`).join(''));
  // Last, so the figures and charts of a failed run are still written to look at.
  const incorrect = incorrectSections(results);
  if (incorrect.length > 0) throw new IncorrectOutcomesError(incorrect);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof BenchInterruptedError ? 130 : 1);
  },
);
