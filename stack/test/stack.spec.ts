import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { stackPaths } from '../src/paths.ts';
import type { Piece, PieceContext } from '../src/pieces/piece.ts';
import { isAlive, readPidFile } from '../src/process/pid-file.ts';
import { silentReporter } from '../src/reporter.ts';
import { Stack } from '../src/stack.ts';
import { freePort, httpPiece } from './fixtures/http-piece.ts';
import { StackError } from '../src/stack-error.ts';

describe('Stack', function () {
  this.timeout(30_000);
  let home: string;
  let ctx: PieceContext;
  let stacks: Stack[];

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'saga-stack-test-'));
    ctx = { config: loadConfig({ STACK_HOME: home }), paths: stackPaths(home), reporter: silentReporter };
    stacks = [];
  });

  afterEach(async () => {
    for (const stack of stacks) await stack.stop();
    await rm(home, { recursive: true, force: true });
  });

  const stackOf = (...pieces: Piece[]) => {
    const stack = new Stack(pieces, ctx);
    stacks.push(stack);
    return stack;
  };

  const expectStackError = async (promise: Promise<unknown>, code: string) => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(StackError);
      expect((error as StackError).code).to.equal(code);
      expect((error as StackError).fix).to.be.a('string').and.not.be.empty;
      return error as StackError;
    }
    throw new Error(`expected a StackError ${code}`);
  };

  it('starts every piece, waits until each answers, and records its pid', async () => {
    const stack = stackOf(
      httpPiece({ name: 'kafka', port: await freePort() }),
      httpPiece({ name: 'store', port: await freePort() }),
    );
    expect(await stack.up()).to.have.members(['kafka', 'store']);
    const statuses = await stack.status();
    expect(statuses.map((s) => s.ready)).to.deep.equal([true, true]);
    const record = await readPidFile(ctx.paths.pidOf('kafka'));
    expect(record && isAlive(record)).to.equal(true);
    expect(await readFile(ctx.paths.logOf('kafka'), 'utf8')).to.contain('listening');
  });

  it('starts only what is not running on a second up', async () => {
    const piece = httpPiece({ name: 'kafka', port: await freePort() });
    const stack = stackOf(piece);
    await stack.up();
    expect(await stack.up()).to.deep.equal([]);
  });

  it('stops every process it started and forgets it', async () => {
    const stack = stackOf(httpPiece({ name: 'kafka', port: await freePort() }));
    await stack.up();
    const record = (await readPidFile(ctx.paths.pidOf('kafka')))!;
    await stack.stop();
    expect(isAlive(record)).to.equal(false);
    expect(await readPidFile(ctx.paths.pidOf('kafka'))).to.equal(undefined);
  });

  it("stops with SIGTERM, or with the piece's own stop signal (PostgreSQL's fast shutdown is SIGINT)", async () => {
    const plain = httpPiece({ name: 'kafka', port: await freePort() });
    const own: Piece = { ...httpPiece({ name: 'postgres', port: await freePort() }), stopSignal: 'SIGINT' };
    const stack = stackOf(plain, own);
    await stack.up();
    await stack.stop();
    expect(await readFile(ctx.paths.logOf('kafka'), 'utf8')).to.contain('stopped by SIGTERM');
    expect(await readFile(ctx.paths.logOf('postgres'), 'utf8')).to.contain('stopped by SIGINT');
  });

  it('refuses a busy port before starting anything, naming the port and the fix', async () => {
    const busy = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(busy, '127.0.0.1', r));
    try {
      const other = httpPiece({ name: 'store', port: await freePort() });
      const stack = stackOf(httpPiece({ name: 'kafka', port: busy }), other);
      const error = await expectStackError(stack.up(), 'PORT_IN_USE');
      expect(error.message).to.contain(String(busy));
      expect(error.fix).to.contain('KAFKA_BROKERS');
      expect(other.provisioned).to.equal(0);
      expect(await readPidFile(ctx.paths.pidOf('store'))).to.equal(undefined);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('fails at once when a piece exits while starting, and stops what it had started', async () => {
    const healthy = httpPiece({ name: 'kafka', port: await freePort() });
    const dying = httpPiece({
      name: 'store',
      port: await freePort(),
      env: { EXIT_CODE: '3' },
      dependsOn: ['kafka'],
    });
    const stack = stackOf(healthy, dying);
    const error = await expectStackError(stack.up(), 'PROCESS_EXITED');
    expect(error.message).to.contain('exiting as asked');
    expect(await readPidFile(ctx.paths.pidOf('kafka'))).to.equal(undefined);
  });

  it('gives up on a piece that never answers and leaves nothing running', async () => {
    const slow = httpPiece({
      name: 'kafka',
      port: await freePort(),
      env: { READY_DELAY_MS: '60000' },
      readyTimeoutMs: 1500,
    });
    const stack = stackOf(slow);
    await expectStackError(stack.up(), 'NOT_READY');
    expect(await readPidFile(ctx.paths.pidOf('kafka'))).to.equal(undefined);
    expect((await stack.status())[0]?.running).to.equal(false);
  });

  it('starts nothing when a prerequisite is missing', async () => {
    const missing = httpPiece({
      name: 'kafka',
      port: await freePort(),
      prerequisite: () =>
        Promise.reject(new StackError('PREREQUISITE_MISSING', 'Java 17+ is required', 'install a JDK')),
    });
    const other = httpPiece({ name: 'store', port: await freePort() });
    await expectStackError(stackOf(missing, other).up(), 'PREREQUISITE_MISSING');
    expect(other.provisioned).to.equal(0);
    expect(await readPidFile(ctx.paths.pidOf('store'))).to.equal(undefined);
  });
});
