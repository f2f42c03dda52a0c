import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { download } from '../src/provision/download.ts';
import { StackError } from '../src/stack-error.ts';

describe('download', () => {
  const body = Buffer.from('jar bytes '.repeat(1000));
  const sha1 = createHash('sha1').update(body).digest('hex');
  const sha256 = createHash('sha256').update(body).digest('hex');
  let server: Server;
  let base: string;
  let dir: string;
  let hits = 0;

  before(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/file.jar') res.end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise((r) => server.close(r)));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saga-download-'));
    hits = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stores the file once its SHA-1 matches, reporting progress', async () => {
    const seen: number[] = [];
    await download({
      url: `${base}/file.jar`,
      dest: join(dir, 'file.jar'),
      sha1,
      onBytes: (b) => seen.push(b),
    });
    expect(await readFile(join(dir, 'file.jar'))).to.deep.equal(body);
    expect(seen.at(-1)).to.equal(body.length);
  });

  it('verifies a SHA-256 instead when given one, as PyPI publishes', async () => {
    await download({ url: `${base}/file.jar`, dest: join(dir, 'file.jar'), sha256 });
    expect(await readFile(join(dir, 'file.jar'))).to.deep.equal(body);
  });

  it('names the algorithm when a SHA-256 differs', async () => {
    const error = await download({
      url: `${base}/file.jar`,
      dest: join(dir, 'file.jar'),
      sha256: sha1.padEnd(64, '0'),
    }).catch((e: unknown) => e);
    expect((error as StackError).code).to.equal('CHECKSUM_MISMATCH');
    expect((error as StackError).message).to.contain(`has SHA-256 ${sha256}`);
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('does not download a file that is already in place', async () => {
    await download({ url: `${base}/file.jar`, dest: join(dir, 'file.jar'), sha1 });
    await download({ url: `${base}/file.jar`, dest: join(dir, 'file.jar'), sha1 });
    expect(hits).to.equal(1);
  });

  it('rejects a file whose checksum differs and leaves nothing behind', async () => {
    const error = await download({
      url: `${base}/file.jar`,
      dest: join(dir, 'file.jar'),
      sha1: '0'.repeat(40),
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError);
    expect((error as StackError).code).to.equal('CHECKSUM_MISMATCH');
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('names the URL and the fix when the download keeps failing', async () => {
    const error = await download({
      url: `${base}/missing.jar`,
      dest: join(dir, 'missing.jar'),
      sha1,
      attempts: 2,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StackError);
    expect((error as StackError).code).to.equal('DOWNLOAD_FAILED');
    expect((error as StackError).message)
      .to.contain('/missing.jar')
      .and.contain('HTTP 404');
    expect((error as StackError).fix).to.contain('127.0.0.1');
    expect(hits).to.equal(2);
    expect(await readdir(dir)).to.deep.equal([]);
  });
});
