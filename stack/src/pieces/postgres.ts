import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Config } from '@saga/config';
import { postgresHandshake } from '../probe/postgres-handshake.ts';
import {
  commandAs,
  ensureUnprivilegedUser,
  firstUnenterableFolder,
  type RunAs,
} from '../process/unprivileged-user.ts';
import {
  postgresBin,
  postgresHome,
  postgresJarFor,
  POSTGRES_MAJOR,
  POSTGRES_VERSION,
  provisionPostgres,
} from '../provision/postgres-binaries.ts';
import { StackError } from '../stack-error.ts';
import type { Piece, PieceContext } from './piece.ts';
import { FERRETDB_DATABASE, POSTGRES_USER, prepareDataDir } from './postgres-data.ts';

/** The local stack's PostgreSQL port: beside the store's 27017, away from a system PostgreSQL's 5432. */
export const POSTGRES_PORT = 27_432;
/** The system user PostgreSQL runs as when the stack runs as root (PostgreSQL refuses root). */
export const POSTGRES_SYSTEM_USER = 'saga-postgres';

/** Where FerretDB finds its database on a PostgreSQL listening on `port`. */
export const postgresUrl = (port: number) =>
  `postgres://${POSTGRES_USER}@127.0.0.1:${port}/${FERRETDB_DATABASE}`;

/**
 * The server's arguments. Durability stays as PostgreSQL ships it, and is spelled out so that no
 * configuration file can turn it off: the chaos run SIGKILLs this server and checks that every write
 * FerretDB acknowledged is still there (fsync, synchronous_commit and full_page_writes on).
 * No Unix socket: every client comes over TCP, and a socket path under a deep STACK_HOME could
 * exceed the 107 bytes Linux allows.
 */
export function serverArgs(dataDir: string, port: number): string[] {
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    // FerretDB's pool opens up to 50 connections per user; 100 leaves room for a second client.
    max_connections: '100',
    shared_buffers: '128MB',
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
    // On a dev machine a line per checkpoint is noise (PostgreSQL 15+ logs them by default).
    log_checkpoints: 'off',
    // FerretDB's prepared statements must be planned with their values, or no index serves them
    // (see postgres-lookup-indexes.ts).
    plan_cache_mode: 'force_custom_plan',
  };
  return [
    '-D',
    dataDir,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
}

/** The command that starts the server: postgres itself, through setpriv when the stack runs as root. */
export function serverCommand(runAs: RunAs, postgres: string, dataDir: string, port: number) {
  return commandAs(runAs, postgres, serverArgs(dataDir, port));
}

/** Connects as FerretDB does: the handshake into its database (see postgresHandshake). */
export const probePostgres = (port: number) =>
  postgresHandshake({ port, user: POSTGRES_USER, database: FERRETDB_DATABASE });

export interface PostgresOptions {
  readonly port: number;
  /**
   * Whether the store is external, so that this PostgreSQL is not needed. The stack's: MONGO_URL is
   * set. A private store (the chaos harness's) says never, as its MONGO_URL names it.
   */
  readonly isExternal?: (config: Config) => boolean;
}

/**
 * PostgreSQL 17, the store's storage (FerretDB keeps its data in it), from Maven Central's
 * embedded-postgres binaries. It is part of the local store: with MONGO_URL set, the store is
 * external and neither FerretDB nor PostgreSQL start.
 */
export function postgresPiece(options: PostgresOptions): Piece {
  const { port } = options;
  const isExternal = options.isExternal ?? ((config: Config) => config.external.mongo);
  const runAsOf = (ctx: PieceContext) =>
    ensureUnprivilegedUser(POSTGRES_SYSTEM_USER, ctx.reporter, 'postgres');
  return {
    name: 'postgres',
    title: `PostgreSQL ${POSTGRES_VERSION}`,
    variable: 'MONGO_URL',
    ports: [port],
    readyTimeoutMs: 60_000,
    // SIGINT is PostgreSQL's fast shutdown (measured: under 0.1 s): open sessions are rolled back and
    // closed. SIGTERM, its smart shutdown, waits for every client to disconnect first.
    stopSignal: 'SIGINT',
    address: (config) => (isExternal(config) ? 'not used: MONGO_URL names the store' : postgresUrl(port)),
    isExternal,

    async checkPrerequisites(ctx) {
      postgresJarFor();
      await runAsOf(ctx);
    },

    provision: (ctx) => provisionPostgres({ cache: ctx.paths.cache, reporter: ctx.reporter }),

    async prepare(ctx) {
      const runAs = await runAsOf(ctx);
      const dataDir = ctx.paths.dataOf('postgres');
      await mkdir(dirname(dataDir), { recursive: true });
      if (runAs.kind === 'system-user') {
        for (const path of [postgresHome(ctx.paths.cache), dirname(dataDir)]) {
          const blocked = await firstUnenterableFolder(path, runAs);
          if (blocked) {
            throw new StackError(
              'PREREQUISITE_MISSING',
              `PostgreSQL runs as ${runAs.name} (it refuses root), who may not enter ${blocked} on the way to ${path}`,
              `\`chmod o+x ${blocked}\`, or set STACK_HOME to a folder everyone may enter (e.g. /var/tmp/saga-stack)`,
            );
          }
        }
      }
      await prepareDataDir({
        dataDir,
        major: POSTGRES_MAJOR,
        runAs,
        initdb: postgresBin(ctx.paths.cache, 'initdb'),
        postgres: postgresBin(ctx.paths.cache, 'postgres'),
        say: (message) => {
          ctx.reporter.info('postgres', message);
        },
        logFile: ctx.paths.logOf('postgres'),
      });
      const { command, args } = serverCommand(runAs, postgresBin(ctx.paths.cache, 'postgres'), dataDir, port);
      // The data directory's path is on the command line (after setpriv's exec as well): it tells
      // this server from another one of the same binaries (the chaos harness's private one).
      return { command, args, signature: `-D ${dataDir} ` };
    },

    async probe(config) {
      if (isExternal(config)) return { ok: true, detail: 'not started: MONGO_URL names an external store' };
      return probePostgres(port);
    },
  };
}

/** The local stack's PostgreSQL. */
export const postgres: Piece = postgresPiece({ port: POSTGRES_PORT });
