import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { extractTarXz, extractZip } from '../src/provision/extract.ts';
import { StackError } from '../src/stack-error.ts';
import { makeZip, type ZipEntrySpec } from './fixtures/make-zip.ts';

describe('extractZip', () => {
  let dir: string;
  const zipOf = async (entries: readonly ZipEntrySpec[]) => {
    const file = join(dir, 'archive.zip');
    await writeFile(file, makeZip(entries));
    return file;
  };
  const permissionsOf = async (path: string) => (await stat(path)).mode & 0o777;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saga-extract-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('unpacks stored and deflated entries, keeping the permission bits recorded on Unix', async () => {
    const archive = await zipOf([
      { name: 'pkg/runtime/', mode: 0o040755 },
      { name: 'pkg/runtime/bin/java', data: '#!/bin/sh\n', mode: 0o100755 },
      {
        name: 'pkg/runtime/conf/security.properties',
        data: 'x=1\n'.repeat(100),
        mode: 0o100644,
        deflate: true,
      },
    ]);
    await extractZip(archive, join(dir, 'out'));
    expect(await readFile(join(dir, 'out/pkg/runtime/conf/security.properties'), 'utf8')).to.equal(
      'x=1\n'.repeat(100),
    );
    expect(await permissionsOf(join(dir, 'out/pkg/runtime/bin/java'))).to.equal(0o755);
    expect(await permissionsOf(join(dir, 'out/pkg/runtime/conf/security.properties'))).to.equal(0o644);
  });

  it('extracts only the folder asked for, without the folder itself', async () => {
    const archive = await zipOf([
      { name: 'pkg/__init__.py', data: '', mode: 0o100644 },
      { name: 'pkg/runtime/bin/java', data: 'java', mode: 0o100755 },
      { name: 'pkg/runtime/release', data: 'JAVA_VERSION="21"', mode: 0o100644 },
      { name: 'pkg-1.0.dist-info/RECORD', data: '', mode: 0o100644 },
    ]);
    await extractZip(archive, join(dir, 'out'), { only: 'pkg/runtime' });
    expect((await readdir(join(dir, 'out'))).sort()).to.deep.equal(['bin', 'release']);
    expect(await readFile(join(dir, 'out/bin/java'), 'utf8')).to.equal('java');
  });

  it('gives files from a zip without Unix modes the usual permissions', async () => {
    const archive = await zipOf([{ name: 'bin/tool', data: 'x' }]);
    await extractZip(archive, join(dir, 'out'));
    expect(await permissionsOf(join(dir, 'out/bin/tool'))).to.equal(0o644);
  });

  it('never creates setuid files', async () => {
    const archive = await zipOf([{ name: 'bin/tool', data: 'x', mode: 0o104755 }]);
    await extractZip(archive, join(dir, 'out'));
    expect((await stat(join(dir, 'out/bin/tool'))).mode & 0o7777).to.equal(0o755);
  });

  it('renames the folder into place only at the end, leaving no temporary folder', async () => {
    const archive = await zipOf([{ name: 'a.txt', data: 'a', mode: 0o100644 }]);
    let seenDuring: string[] = [];
    await extractZip(archive, join(dir, 'out'), {
      beforeCommit: async (tmp) => {
        seenDuring = await readdir(dir);
        expect(await readdir(tmp)).to.deep.equal(['a.txt']);
      },
    });
    expect(seenDuring).not.to.include('out');
    expect((await readdir(dir)).sort()).to.deep.equal(['archive.zip', 'out']);
  });

  it('leaves nothing in place when the check before the rename fails', async () => {
    const archive = await zipOf([{ name: 'a.txt', data: 'a', mode: 0o100644 }]);
    const error = await extractZip(archive, join(dir, 'out'), {
      beforeCommit: () => Promise.reject(new Error('does not run')),
    }).catch((e: unknown) => e);
    expect((error as Error).message).to.equal('does not run');
    expect(await readdir(dir)).to.deep.equal(['archive.zip']);
  });

  it('does nothing when the destination is already there', async () => {
    const archive = await zipOf([{ name: 'a.txt', data: 'new', mode: 0o100644 }]);
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out/a.txt'), 'old');
    await extractZip(archive, join(dir, 'out'));
    expect(await readFile(join(dir, 'out/a.txt'), 'utf8')).to.equal('old');
  });

  it('refuses a name that would escape the destination, and leaves nothing behind', async () => {
    const archive = await zipOf([
      { name: 'ok.txt', data: 'ok', mode: 0o100644 },
      { name: '../escaped.txt', data: 'gotcha', mode: 0o100644 },
    ]);
    const error = await extractZip(archive, join(dir, 'out')).catch((e: unknown) => e);
    expect((error as Error).message).to.contain('invalid relative path');
    expect(await readdir(dir)).to.deep.equal(['archive.zip']);
    expect(await readdir(tmpdir())).not.to.include('escaped.txt');
  });

  it('refuses symbolic links', async () => {
    const archive = await zipOf([{ name: 'link', data: '/etc/passwd', mode: 0o120777 }]);
    const error = await extractZip(archive, join(dir, 'out')).catch((e: unknown) => e);
    expect((error as Error).message).to.contain('link is not a regular file or folder');
    expect(await readdir(dir)).to.deep.equal(['archive.zip']);
  });
});

describe('extractTarXz', () => {
  let dir: string;
  const savedPath = process.env.PATH;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saga-extract-txz-'));
    await mkdir(join(dir, 'src/bin'), { recursive: true });
    await writeFile(join(dir, 'src/bin/postgres'), '#!/bin/sh\n', { mode: 0o755 });
    await promisify(execFile)('tar', ['-cJf', join(dir, 'archive.txz'), '-C', join(dir, 'src'), 'bin']);
    await mkdir(join(dir, 'out'));
  });
  afterEach(async () => {
    process.env.PATH = savedPath;
    await rm(dir, { recursive: true, force: true });
  });

  it('unpacks a tar compressed with xz, keeping the executable bit', async () => {
    await extractTarXz(join(dir, 'archive.txz'), join(dir, 'out'));
    expect((await stat(join(dir, 'out/bin/postgres'))).mode & 0o777).to.equal(0o755);
  });

  it('without xz on PATH, fails naming the tool and the package to install', async () => {
    // A PATH with tar but no xz.
    await mkdir(join(dir, 'path'));
    const { stdout } = await promisify(execFile)('sh', ['-c', 'command -v tar']);
    await symlink(stdout.trim(), join(dir, 'path/tar'));
    process.env.PATH = join(dir, 'path');
    const error = await extractTarXz(join(dir, 'archive.txz'), join(dir, 'out')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError);
    expect((error as StackError).code).to.equal('PREREQUISITE_MISSING');
    expect((error as StackError).message).to.contain('needs `xz`');
    expect((error as StackError).fix).to.contain('apt-get install xz-utils');
  });
});
