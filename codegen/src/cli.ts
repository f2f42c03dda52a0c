import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CodegenError } from './codegen-error.ts';
import { generate } from './generate/generate.ts';
import { repoRoot } from './generate/layout.ts';
import { findStaleFiles, writeFiles } from './generate/sync-files.ts';

const USAGE = `usage: saga-codegen [--check] [--root DIR]
  (no option)  regenerate packages/contracts/src/generated/ and docs/asyncapi.yaml from schemas/
  --check      change nothing; list the generated files that are out of date and exit 1 if any are
  --root DIR   the repository to work on (default: the one this codegen belongs to)`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CodegenError('USAGE', `${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = resolve(values.root ?? repoRoot);
  const files = await generate(root);

  if (values.check) {
    const stale = await findStaleFiles(root, files);
    if (stale.length === 0) {
      console.log(`saga-codegen: all ${files.length} generated files are up to date`);
      return 0;
    }
    for (const { path, problem } of stale) console.error(`saga-codegen: out of date: ${path} (${problem})`);
    console.error('saga-codegen: run `npm run codegen` to regenerate, then commit the result');
    return 1;
  }

  const changed = await writeFiles(root, files);
  for (const { path, problem } of changed) {
    console.log(`saga-codegen: ${problem === 'not generated any more' ? 'removed' : 'wrote'} ${path}`);
  }
  console.log(`saga-codegen: ${changed.length} of ${files.length} generated files changed`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CodegenError) {
    console.error(`saga-codegen: ${error.message} [${error.code}]`);
  } else {
    console.error('saga-codegen: unexpected failure', error);
  }
  process.exitCode = 1;
}
