import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { findStaleFiles, generate } from '../src/index.ts';
import { layout, repoRoot } from '../src/generate/layout.ts';

const bin = join(import.meta.dirname, '..', 'bin', 'saga-codegen.js');

/** Runs the real CLI, as `npm run codegen` does; never throws, returns what a shell would see. */
async function codegen(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('saga-codegen', function () {
  this.timeout(60_000);
  let root: string;

  // A scratch repository: a copy of the schemas and of the contracts package.json, nothing generated yet.
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'saga-codegen-'));
    await cp(join(repoRoot, layout.schemasDir), join(root, layout.schemasDir), { recursive: true });
    await mkdir(join(root, 'packages', 'contracts'), { recursive: true });
    await cp(join(repoRoot, layout.contractsPackage), join(root, layout.contractsPackage));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('--check fails naming every missing file, writes nothing; a plain run writes them; then --check passes', async () => {
    const before = await codegen('--check', '--root', root);
    expect(before.code).to.equal(1);
    expect(before.stderr).to.include(`out of date: ${layout.asyncApiFile} (missing)`);
    expect(before.stderr).to.include(`out of date: ${layout.contractsDir}/topics.ts (missing)`);
    expect(await readFile(join(root, layout.asyncApiFile), 'utf8').catch(() => 'absent')).to.equal('absent');

    const run = await codegen('--root', root);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.include(`wrote ${layout.contractsDir}/order.ts`);

    const after = await codegen('--check', '--root', root);
    expect(after.code, after.stderr).to.equal(0);
    expect(after.stdout).to.include('up to date');
  });

  it('--check names the files a schema change makes stale, and a leftover generated file', async () => {
    expect((await codegen('--root', root)).code).to.equal(0);
    const schema = join(root, layout.schemasDir, 'order', 'order.cancel.avsc');
    await writeFile(
      schema,
      (await readFile(schema, 'utf8')).replace('The order to cancel.', 'Which order to cancel.'),
    );
    await writeFile(join(root, layout.contractsDir, 'old.ts'), 'export {};\n');

    const check = await codegen('--check', '--root', root);
    expect(check.code).to.equal(1);
    expect(check.stderr).to.include(`${layout.contractsDir}/order.ts (changed)`);
    expect(check.stderr).to.include(`${layout.contractsDir}/schemas.ts (changed)`);
    expect(check.stderr).to.include(`${layout.asyncApiFile} (changed)`);
    expect(check.stderr).to.include(`${layout.contractsDir}/old.ts (not generated any more)`);
    expect(check.stderr).not.to.include('payment.ts');

    const run = await codegen('--root', root);
    expect(run.stdout).to.include(`removed ${layout.contractsDir}/old.ts`);
    expect((await codegen('--check', '--root', root)).code).to.equal(0);
  });

  it('fails with the schema problem, naming the file and the error code', async () => {
    await writeFile(join(root, layout.schemasDir, 'order', 'order.cancel.avsc'), '{ not json');
    const run = await codegen('--root', root);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.match(
      /saga-codegen: order\/order\.cancel\.avsc: is not valid JSON.*\[SCHEMA_INVALID_JSON\]/,
    );
  });

  it('refuses an unknown option with its usage', async () => {
    const run = await codegen('--chek');
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('usage: saga-codegen');
  });

  it('finds the generated files in this repository up to date (run `npm run codegen` if not)', async () => {
    const stale = await findStaleFiles(repoRoot, await generate(repoRoot));
    expect(stale).to.deep.equal([]);
  });

  it('generates the same bytes twice', async () => {
    const [first, second] = [await generate(repoRoot), await generate(repoRoot)];
    expect(second).to.deep.equal(first);
  });
});
