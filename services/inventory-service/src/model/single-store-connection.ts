import type mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import type { Logger } from '@saga/logging';

/**
 * The store URL with `maxPoolSize=1`, whatever else it says.
 *
 * FerretDB 1.x (SQLite) applies an update as a read and a separate write, so two updates of one
 * document at the same moment can both report success while one is lost; measured here, two
 * concurrent `$set`s of different fields lost one in most runs. It serves one connection's requests
 * one at a time, though. Over a single connection no two writes of this process can interleave:
 * its own, and the outbox relay's removals from the same reservations, which no lock of the
 * service's can cover. On MongoDB each update is atomic anyway, and one connection costs only speed.
 */
export function singleConnectionUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const base = queryAt === -1 ? url : url.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
  params.set('maxPoolSize', '1');
  // Options follow the path: `mongodb://host/?opt`, never `mongodb://host?opt`.
  const hasPath = /^mongodb(\+srv)?:\/\/[^/]*\//.test(base);
  return `${base}${hasPath ? '' : '/'}?${params.toString()}`;
}

/** `env` with MONGO_URL (or its default) on a single connection; pass it to `runService`. */
export function withSingleStoreConnection(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, MONGO_URL: singleConnectionUrl(loadConfig(env).mongo.url) };
}

/**
 * Logs a warning when the service was started on a wider pool (through `runService` without
 * `withSingleStoreConnection`): on FerretDB its updates of one document may then be lost.
 */
export function warnIfPooled(db: mongoose.Connection, logger: Logger): void {
  const poolSize = db.getClient().options.maxPoolSize;
  if (poolSize !== 1) {
    logger.warn(
      { maxPoolSize: poolSize },
      'the store connection pool is wider than one connection: on FerretDB, concurrent updates of one document can be lost; start the service through src/main.ts or with withSingleStoreConnection(env)',
    );
  }
}
