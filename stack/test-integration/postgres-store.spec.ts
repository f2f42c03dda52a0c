import { readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { loadConfig } from '@saga/config';
import { postgresPiece, probePostgres } from '../src/pieces/postgres.ts';
import type { Piece, PieceContext } from '../src/pieces/piece.ts';
import { storePiece } from '../src/pieces/store.ts';
import { stackPaths } from '../src/paths.ts';
import { readPidFile } from '../src/process/pid-file.ts';
import type { Reporter } from '../src/reporter.ts';
import { Stack } from '../src/stack.ts';

/**
 * The local store for real: PostgreSQL from Maven Central under FerretDB, on ports of its own (away
 * from the stack's 27432/27017 and the chaos harness's 25432/27317) and with data in a temporary
 * STACK_HOME; downloads and builds come from the stack's cache. No mocks: a SIGKILLed PostgreSQL
 * must come back with every acknowledged write.
 */
describe('the store on PostgreSQL', function () {
  this.timeout(600_000);
  const ports = { postgres: 25_532, store: 27_417 };
  const lines: string[] = [];
  const reporter: Reporter = {
    info: (piece, message) => lines.push(`[${piece}] ${message}`),
    progress: () => undefined,
  };
  const config = loadConfig({ ...process.env, MONGO_URL: `mongodb://127.0.0.1:${ports.store}` });
  let home: string;
  let ctx: PieceContext;
  let stack: Stack;
  const local = { isExternal: () => false };
  const postgres = postgresPiece({ port: ports.postgres, ...local });
  const store: Piece = { ...storePiece({ port: ports.store, postgresPort: ports.postgres }), ...local };

  const withClient = async <T>(use: (client: MongoClient) => Promise<T>): Promise<T> => {
    const client = new MongoClient(config.mongo.url, { serverSelectionTimeoutMS: 10_000 });
    try {
      return await use(client);
    } finally {
      await client.close();
    }
  };
  const pidOf = async (name: string) => (await readPidFile(ctx.paths.pidOf(name)))?.pid;
  const alive = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').length > 0;
    } catch {
      return false;
    }
  };

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'saga-store-pg-'));
    // mkdtemp makes it 0700; as root, PostgreSQL runs as its own user, who must enter it.
    await chmod(home, 0o755);
    const shared = stackPaths(config.stack.home);
    ctx = { config, paths: { ...stackPaths(home), cache: shared.cache }, reporter };
    stack = new Stack([postgres, store], ctx);
  });

  after(async () => {
    await stack.stop();
    await rm(home, { recursive: true, force: true });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(lines.join('\n'));
  });

  it('starts PostgreSQL before FerretDB, with the FerretDB database created', async () => {
    const started = await stack.up();
    expect(started).to.deep.equal(['postgres', 'store']);
    expect((await readFile(join(ctx.paths.dataOf('postgres'), 'PG_VERSION'), 'utf8')).trim()).to.equal('17');
    expect(await probePostgres(ports.postgres)).to.include({ ok: true });
    const statuses = await stack.status();
    expect(statuses.map((s) => [s.piece.name, s.ready])).to.deep.equal([
      ['postgres', true],
      ['store', true],
    ]);
  });

  it('keeps every acknowledged write when PostgreSQL is SIGKILLed', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `doc-${i}`);
    await withClient(async (client) => {
      const docs = client.db('store_check').collection<{ _id: string; n: number; tags: string[] }>('docs');
      for (const _id of ids) await docs.insertOne({ _id, n: 0, tags: [] });
      for (const _id of ids.slice(0, 100))
        await docs.updateOne({ _id }, { $inc: { n: 1 }, $push: { tags: 'a' } });
      expect(await docs.findOne({ _id: 'doc-7' })).to.deep.equal({ _id: 'doc-7', n: 1, tags: ['a'] });
    });

    const pid = await pidOf('postgres');
    expect(pid, 'postgres pid file').to.be.a('number');
    const children = childrenOf(pid ?? -1);
    expect(children.length, 'postgres children').to.be.greaterThan(0);
    for (const victim of [pid ?? -1, ...children]) process.kill(victim, 'SIGKILL');
    while ([pid ?? -1, ...children].some(alive)) await new Promise((r) => setTimeout(r, 50));

    // The stack sees it gone, and starts it again: the data directory recovers from its WAL.
    expect((await stack.status()).find((s) => s.piece.name === 'postgres')?.running).to.equal(false);
    expect(await stack.up()).to.deep.equal(['postgres']);
    expect(await readFile(ctx.paths.logOf('postgres'), 'utf8')).to.match(
      /not properly shut down; automatic recovery/,
    );

    await withClient(async (client) => {
      const docs = client.db('store_check').collection<{ _id: string; n: number; tags: string[] }>('docs');
      // FerretDB's pooled connections died with the server; its pool opens new ones.
      let count = -1;
      for (let attempt = 0; attempt < 20 && count < 0; attempt++) {
        count = await docs.countDocuments({}).catch(() => -1);
        if (count < 0) await new Promise((r) => setTimeout(r, 250));
      }
      expect(count).to.equal(200);
      expect(await docs.countDocuments({ n: 1 })).to.equal(100);
      expect(await docs.findOne({ _id: 'doc-99' })).to.deep.equal({ _id: 'doc-99', n: 1, tags: ['a'] });
      expect(await docs.findOne({ _id: 'doc-100' })).to.deep.equal({ _id: 'doc-100', n: 0, tags: [] });
    });
  });

  it('starts on a stale postmaster.pid, and stops fast with SIGINT', async () => {
    await stack.stop();
    // A postmaster.pid naming a process that is no PostgreSQL (this test's own pid).
    const lock = join(ctx.paths.dataOf('postgres'), 'postmaster.pid');
    const owner = await stat(ctx.paths.dataOf('postgres'));
    await writeFile(lock, `${process.pid}\n${ctx.paths.dataOf('postgres')}\n`);
    await chown(lock, owner.uid, owner.gid);
    await stack.up();
    expect(lines.join('\n')).to.match(/removing a stale postmaster\.pid/);

    const started = Date.now();
    await stack.stop(['postgres', 'store']);
    expect(Date.now() - started, 'stop time in ms').to.be.lessThan(5_000);
    expect(await readFile(ctx.paths.logOf('postgres'), 'utf8')).to.match(/fast shutdown request/);
  });
});

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}
