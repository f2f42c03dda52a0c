#!/usr/bin/env node
// Runs a test command, then prints one closing line for every mocha run inside it:
// "tests: N passed, N failed" (", N skipped" when any). Exits non-zero when the command failed,
// any test failed, or no test ran at all.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const command = args[0] === '--' ? args.slice(1) : args;
if (command.length === 0) {
  console.error('usage: saga-test-run -- <command> [args...]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'saga-tests-'));
const summary = join(dir, 'summary.jsonl');
const child = spawn(command[0], command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, SAGA_TEST_SUMMARY: summary },
});
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => undefined);
child.on('exit', (code, signal) => {
  let runs = [];
  try {
    runs = readFileSync(summary, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    // No mocha run finished: counted as nothing run.
  }
  rmSync(dir, { recursive: true, force: true });
  const total = runs.reduce(
    (t, r) => ({
      passes: t.passes + r.passes,
      failures: t.failures + r.failures,
      pending: t.pending + r.pending,
    }),
    { passes: 0, failures: 0, pending: 0 },
  );
  const skipped = total.pending > 0 ? `, ${total.pending} skipped` : '';
  console.log(`\ntests: ${total.passes} passed, ${total.failures} failed${skipped}`);
  const failed = code !== 0 || signal !== null || total.failures > 0 || total.passes === 0;
  if (total.passes === 0) console.error('saga-test-run: no test ran');
  process.exit(failed ? code || 1 : 0);
});
