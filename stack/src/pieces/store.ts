import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { repoRoot } from '@saga/config';
import { cachedBinaryPath, goBuild } from '../provision/go-build.ts';
import { exists } from '../provision/download.ts';
import { findGo } from '../prerequisites/find-go.ts';
import type { Piece, PieceContext } from './piece.ts';

const PORT = 27017;
const moduleDir = join(repoRoot, 'stack', 'store', 'ferretdb');
const binaryOf = (ctx: PieceContext) => ({
  moduleDir,
  cacheDir: join(ctx.paths.cache, 'ferretdb'),
  binaryName: 'ferretdb',
});

/** FerretDB 1.24: the MongoDB wire protocol over SQLite, built from our small Go module that embeds it. */
export const store: Piece = {
  name: 'store',
  title: 'FerretDB (MongoDB wire protocol)',
  variable: 'MONGO_URL',
  ports: [PORT],
  readyTimeoutMs: 60_000,
  address: (config) => config.mongo.url,
  isExternal: (config) => config.external.mongo,

  async checkPrerequisites(ctx) {
    if (!(await exists(await cachedBinaryPath(binaryOf(ctx))))) await findGo();
  },

  async provision(ctx) {
    await goBuild({ ...binaryOf(ctx), piece: 'store', reporter: ctx.reporter, go: 'go' });
  },

  async prepare(ctx) {
    const data = ctx.paths.dataOf('store');
    await mkdir(data, { recursive: true });
    const binary = await cachedBinaryPath(binaryOf(ctx));
    return {
      command: binary,
      args: ['-listen', `127.0.0.1:${PORT}`, '-data', data],
      signature: binary,
    };
  },

  async probe(config) {
    const client = new MongoClient(config.mongo.url, {
      serverSelectionTimeoutMS: 1500,
      connectTimeoutMS: 1500,
    });
    try {
      await client.connect();
      const hello = await client.db('admin').command({ buildInfo: 1 });
      return { ok: true, detail: `MongoDB ${String(hello.version)} protocol` };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};
