/**
 * `npm run -w @saga/bench charts -- <results json> [--docs]`: redraws a saved run's charts beside its JSON,
 * and with --docs also into docs/performance/; for when a chart changes. Measures nothing, needs no stack.
 */
import { join, resolve } from 'node:path';
import { repoRoot } from '@saga/config';
import { readRunRecord } from './run-record.ts';
import { writeCharts } from './report/write-charts.ts';

async function main(argv: readonly string[]): Promise<number> {
  const files = argv.filter((arg) => !arg.startsWith('--'));
  if (files.length !== 1) {
    process.stderr.write(
      'usage: npm run -w @saga/bench charts -- bench/results/<stamp>-<mode>.json [--docs]\n',
    );
    return 2;
  }
  // npm runs a workspace's script in the workspace; a path given is the caller's, from where npm started.
  const file = resolve(process.env['INIT_CWD'] ?? process.cwd(), files[0] ?? '');
  const docs = argv.includes('--docs') ? { copyTo: join(repoRoot, 'docs', 'performance') } : {};
  const written = await writeCharts(readRunRecord(file), { beside: file, ...docs });
  process.stdout.write(
    written.length > 0
      ? written.map((f) => `wrote ${f}\n`).join('')
      : 'no charts: the run has no data for any\n',
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`charts failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
