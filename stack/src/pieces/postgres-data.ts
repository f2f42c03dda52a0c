import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { appendFile, chown, lstat, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { commandAs, type RunAs } from '../process/unprivileged-user.ts';
import { StackError } from '../stack-error.ts';
import { lookupIndexesSql } from './postgres-lookup-indexes.ts';

/** The database FerretDB keeps its data in, created once with the data directory. */
export const FERRETDB_DATABASE = 'ferretdb';
/** The superuser initdb creates; trust authentication on 127.0.0.1 only, so it needs no password. */
export const POSTGRES_USER = 'postgres';

/** initdb's arguments: a UTF-8 cluster with the C locale (no OS locale needed), trusting local clients. */
export function initdbArgs(dataDir: string): string[] {
  return ['-D', dataDir, '-U', POSTGRES_USER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions'];
}

/** Single-user mode on the `postgres` database, reading SQL from stdin: no server, no port. */
export function singleUserArgs(dataDir: string): string[] {
  return ['--single', '-D', dataDir, 'postgres'];
}

export const createDatabaseSql = `CREATE DATABASE ${FERRETDB_DATABASE};\n`;

/** Single-user mode on the FerretDB database, statements ending in a semicolon and an empty line. */
export function singleUserScriptArgs(dataDir: string): string[] {
  return ['--single', '-j', '-D', dataDir, FERRETDB_DATABASE];
}

/** What a data directory's PG_VERSION says about opening it with binaries of major `major`. */
export type DataDirVersion =
  | { readonly kind: 'missing' }
  | { readonly kind: 'same' }
  | { readonly kind: 'other'; readonly found: string };

export function dataDirVersion(pgVersion: string | undefined, major: number): DataDirVersion {
  if (pgVersion === undefined) return { kind: 'missing' };
  const found = pgVersion.trim();
  return found === String(major) ? { kind: 'same' } : { kind: 'other', found };
}

/** A process as far as the stale-lock decision cares. */
export interface ProcessFacts {
  /** Exists and is not a zombie waiting to be reaped. */
  readonly alive: boolean;
  readonly cmdline: string;
}

/** What a postmaster.pid left in the data directory means. */
export type PostmasterPidVerdict =
  | { readonly kind: 'none' }
  | { readonly kind: 'stale'; readonly pid?: number }
  | { readonly kind: 'running'; readonly pid: number };

/**
 * PostgreSQL refuses to start while postmaster.pid names a process that exists, whatever it is. After
 * a SIGKILL the pid may live on as a zombie (measured here: until something reaps it) or be reused
 * by another program; then the file is stale. Only a live postgres process keeps it.
 */
export function postmasterPidVerdict(
  content: string | undefined,
  processOf: (pid: number) => ProcessFacts,
): PostmasterPidVerdict {
  if (content === undefined) return { kind: 'none' };
  const first = content.split('\n')[0]?.trim() ?? '';
  if (!/^\d+$/.test(first)) return { kind: 'stale' };
  const pid = Number(first);
  const facts = processOf(pid);
  return facts.alive && /(^|\/)postgres(\s|$)/.test(facts.cmdline)
    ? { kind: 'running', pid }
    : { kind: 'stale', pid };
}

/** Facts about a pid from /proc: a zombie (state Z) has exited and counts as not alive. */
export function processFacts(pid: number): ProcessFacts {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name in parentheses, which may itself contain ") ".
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { alive: state !== 'Z' && state !== 'X', cmdline };
  } catch {
    return { alive: false, cmdline: '' };
  }
}

export interface DataDirOptions {
  readonly dataDir: string;
  readonly major: number;
  readonly runAs: RunAs;
  readonly initdb: string;
  readonly postgres: string;
  /** For progress lines. */
  readonly say: (message: string) => void;
  /**
   * PostgreSQL's log: what single-user mode says at each start goes there too, as the server's own
   * lines would (after a crash, single-user mode is what replays the WAL, and says so).
   */
  readonly logFile?: string;
}

/**
 * Makes `dataDir` a data directory these binaries can start on: initialised (with the FerretDB
 * database) when missing, refused when made by another major version, owned by the user PostgreSQL
 * runs as, and without a stale postmaster.pid.
 */
export async function prepareDataDir(options: DataDirOptions): Promise<void> {
  const { dataDir, major, runAs } = options;
  const version = dataDirVersion(await readText(join(dataDir, 'PG_VERSION')), major);
  if (version.kind === 'other') {
    // Refused rather than moved aside: the store's data is in it, and a PostgreSQL of its own
    // version (an older checkout of the stack) can still dump it.
    throw new StackError(
      'DATA_INCOMPATIBLE',
      `${dataDir} holds a PostgreSQL ${version.found} data directory, which PostgreSQL ${major} cannot open`,
      '`npm run stack:reset` wipes it (and the rest of the local data); to keep the data, dump it first with PostgreSQL ' +
        version.found,
    );
  }
  if (version.kind === 'missing') await initialise(options);
  await ensureOwner(dataDir, runAs);
  const lock = join(dataDir, 'postmaster.pid');
  const verdict = postmasterPidVerdict(await readText(lock), processFacts);
  if (verdict.kind === 'running') {
    throw new StackError(
      'START_FAILED',
      `a PostgreSQL this stack did not record (pid ${verdict.pid}) already runs on ${dataDir}`,
      `stop it (\`kill -INT ${verdict.pid}\`), then start again`,
    );
  }
  if (verdict.kind === 'stale') {
    options.say(
      `removing a stale postmaster.pid (${verdict.pid === undefined ? 'unreadable' : `pid ${verdict.pid} is not a running PostgreSQL`})`,
    );
    await rm(lock, { force: true });
  }
  await installLookupIndexes(options);
}

/** See postgres-lookup-indexes.ts: every start, so that older data directories get them too. */
async function installLookupIndexes(options: DataDirOptions): Promise<void> {
  const output = await run(
    options.runAs,
    options.postgres,
    singleUserScriptArgs(options.dataDir),
    lookupIndexesSql,
    'installing the lookup indexes',
  );
  if (options.logFile) {
    await mkdir(dirname(options.logFile), { recursive: true });
    await appendFile(options.logFile, `--- single-user mode: lookup indexes ---\n${output.trimEnd()}\n`);
  }
  if (/\bERROR:/.test(output)) {
    throw new StackError(
      'START_FAILED',
      `installing the lookup indexes failed: ${lastLines(output)}`,
      'this is a bug in stack/src/pieces/postgres-lookup-indexes.ts; `npm run stack:reset` starts from empty data',
    );
  }
}

/**
 * initdb into a temporary folder, create the FerretDB database in single-user mode, then rename:
 * an interrupted first start leaves only the temporary folder, which the next one wipes.
 */
async function initialise(options: DataDirOptions): Promise<void> {
  const { dataDir, runAs, say } = options;
  // A folder without PG_VERSION is not a data directory: an older layout, or initdb's leftovers.
  if ((await readdir(dataDir).catch(() => [])).length > 0) {
    throw new StackError(
      'DATA_INCOMPATIBLE',
      `${dataDir} is not empty but holds no PostgreSQL data directory (no PG_VERSION)`,
      '`npm run stack:reset` wipes it (and the rest of the local data), or move it away',
    );
  }
  await rm(dataDir, { recursive: true, force: true });
  const tmp = `${dataDir}.init-tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  await ensureOwner(tmp, runAs);
  const started = Date.now();
  say(`initialising a data directory (initdb) in ${dataDir}`);
  await run(runAs, options.initdb, initdbArgs(tmp), '', 'initdb');
  const created = await run(
    runAs,
    options.postgres,
    singleUserArgs(tmp),
    createDatabaseSql,
    'CREATE DATABASE',
  );
  if (/\bERROR:/.test(created)) {
    throw new StackError(
      'START_FAILED',
      `creating the database ${FERRETDB_DATABASE} failed: ${lastLines(created)}`,
      '`npm run stack:reset` to start from empty data, then start again',
    );
  }
  await rename(tmp, dataDir);
  say(`data directory ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** PostgreSQL insists on owning its data directory (and on mode 0700 or 0750). */
async function ensureOwner(dir: string, runAs: RunAs): Promise<void> {
  if (runAs.kind === 'current') return;
  const info = await lstat(dir);
  if (info.uid === runAs.uid && info.gid === runAs.gid) return;
  const walk = async (path: string): Promise<void> => {
    const entry = await lstat(path);
    await chown(path, runAs.uid, runAs.gid);
    if (entry.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
  };
  await walk(dir);
}

/** Runs a PostgreSQL tool as `runAs`; resolves with its output, throws StackError when it fails. */
function run(runAs: RunAs, tool: string, args: string[], stdin: string, what: string): Promise<string> {
  const { command, args: fullArgs } = commandAs(runAs, tool, args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, fullArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => {
      reject(
        new StackError('START_FAILED', `${what} could not run: ${error.message}`, 'check the stack cache', {
          cause: error,
        }),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else {
        reject(
          new StackError(
            'START_FAILED',
            `${what} failed (exit ${String(code)}): ${lastLines(output)}`,
            '`npm run stack:reset` to start from empty data, then start again',
          ),
        );
      }
    });
    child.stdin.end(stdin);
  });
}

const lastLines = (text: string) => text.trim().split('\n').slice(-3).join(' | ') || 'no output';

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
