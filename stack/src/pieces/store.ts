import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { repoRoot } from '@saga/config';
import { cachedBinaryPath, goBuild } from '../provision/go-build.ts';
import { exists } from '../provision/download.ts';
import { findGo } from '../prerequisites/find-go.ts';
import type { Piece, PieceContext } from './piece.ts';
import { POSTGRES_PORT, postgresUrl } from './postgres.ts';

const moduleDir = join(repoRoot, 'stack', 'store', 'ferretdb');
const binaryOf = (ctx: PieceContext) => ({
  moduleDir,
  cacheDir: join(ctx.paths.cache, 'ferretdb'),
  binaryName: 'ferretdb',
});

/** Where a FerretDB listens, and the PostgreSQL it keeps its data in. */
export interface StorePorts {
  readonly port: number;
  readonly postgresPort: number;
}

/**
 * FerretDB 1.24: the MongoDB wire protocol over PostgreSQL (the postgres piece), built from our small
 * Go module that embeds it. The stack's listens on 27017; the chaos harness's private one on other
 * ports, with a PostgreSQL of its own.
 */
export function storePiece({ port, postgresPort }: StorePorts): Piece {
  return {
    name: 'store',
    title: 'FerretDB (MongoDB wire protocol)',
    variable: 'MONGO_URL',
    ports: [port],
    readyTimeoutMs: 60_000,
    dependsOn: ['postgres'],
    address: (config) => config.mongo.url,
    isExternal: (config) => config.external.mongo,

    async checkPrerequisites(ctx) {
      if (!(await exists(await cachedBinaryPath(binaryOf(ctx))))) await findGo();
    },

    async provision(ctx) {
      await goBuild({ ...binaryOf(ctx), piece: 'store', reporter: ctx.reporter, go: 'go' });
    },

    async prepare(ctx) {
      const binary = await cachedBinaryPath(binaryOf(ctx));
      return {
        command: binary,
        args: ['-listen', `127.0.0.1:${port}`, '-postgresql-url', postgresUrl(postgresPort)],
        // The port tells this FerretDB from another of the same binary (the chaos harness's).
        signature: `ferretdb -listen 127.0.0.1:${port} `,
      };
    },

    async probe(config) {
      const client = new MongoClient(config.mongo.url, {
        serverSelectionTimeoutMS: 1500,
        connectTimeoutMS: 1500,
      });
      try {
        await client.connect();
        const info = await client.db('admin').command({ buildInfo: 1 });
        // buildInfo is FerretDB's own answer; ping asks the storage behind it (on MongoDB, the server).
        await client.db('admin').command({ ping: 1 });
        return { ok: true, detail: `MongoDB ${String(info.version)} protocol` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      } finally {
        await client.close().catch(() => undefined);
      }
    },
  };
}

/** The local stack's store. */
export const store: Piece = storePiece({ port: 27_017, postgresPort: POSTGRES_PORT });
