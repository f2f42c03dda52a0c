import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { stackPaths } from '../src/paths.ts';
import type { PieceContext } from '../src/pieces/piece.ts';
import { readPidFile } from '../src/process/pid-file.ts';
import type { Reporter } from '../src/reporter.ts';
import { Stack } from '../src/stack.ts';
import { Supervisor } from '../src/supervisor.ts';
import { freePort, httpPiece } from './fixtures/http-piece.ts';

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Supervisor', function () {
  this.timeout(30_000);
  let home: string;
  let ctx: PieceContext;
  let lines: string[];
  let stack: Stack;
  let supervisor: Supervisor | undefined;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'saga-supervisor-test-'));
    lines = [];
    const reporter: Reporter = {
      info: (piece, message) => lines.push(`[${piece}] ${message}`),
      progress: () => undefined,
    };
    ctx = { config: loadConfig({ STACK_HOME: home }), paths: stackPaths(home), reporter };
  });

  afterEach(async () => {
    supervisor?.stop();
    await supervisor?.settled();
    await stack.stop();
    await rm(home, { recursive: true, force: true });
  });

  const pidOf = async (name: string) => (await readPidFile(ctx.paths.pidOf(name)))?.pid;

  it('restarts a piece that was killed, says so, and leaves the others alone', async () => {
    stack = new Stack(
      [
        httpPiece({ name: 'kafka', port: await freePort() }),
        httpPiece({ name: 'store', port: await freePort() }),
      ],
      ctx,
    );
    await stack.up();
    const [killed, other] = [await pidOf('kafka'), await pidOf('store')];
    supervisor = new Supervisor(stack, {
      reporter: ctx.reporter,
      paths: ctx.paths,
      pollMs: 100,
      initialBackoffMs: 100,
    });
    supervisor.start();

    process.kill(killed ?? -1, 'SIGKILL');
    const restarted = await eventually(async () => {
      const pid = await pidOf('kafka');
      const status = (await stack.status()).find((s) => s.piece.name === 'kafka');
      return pid !== killed && status?.ready ? pid : undefined;
    }, 10_000);

    expect(restarted).to.be.a('number');
    expect(await pidOf('store')).to.equal(other);
    expect(lines.some((l) => l.startsWith('[kafka] exited unexpectedly') && l.includes('restarting in 0.1s')))
      .to.be.true;
    await eventually(() => Promise.resolve(lines.includes('[kafka] restarted') ? true : undefined), 5000);
  });

  it('backs off while restarts keep failing, doubling the wait up to its bound', async () => {
    // A piece that is down and dies at once on every start: the waits grow 0.1s, 0.2s, 0.4s, 0.4s.
    stack = new Stack([httpPiece({ name: 'kafka', port: await freePort(), env: { EXIT_CODE: '3' } })], ctx);
    supervisor = new Supervisor(stack, {
      reporter: ctx.reporter,
      paths: ctx.paths,
      pollMs: 50,
      initialBackoffMs: 100,
      maxBackoffMs: 400,
    });
    supervisor.start();

    const waits = await eventually(() => {
      const found = lines
        .filter((l) => l.startsWith('[kafka] exited unexpectedly'))
        .map((l) => /restarting in ([\d.]+)s/.exec(l)?.[1]);
      return Promise.resolve(found.length >= 4 ? found.slice(0, 4) : undefined);
    }, 20_000);

    expect(waits).to.deep.equal(['0.1', '0.2', '0.4', '0.4']);
    expect(lines.some((l) => l.startsWith('[stack] restart failed') && l.includes('exited while starting')))
      .to.be.true;
  });
});
