import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { extract } from 'tar';
import { openPromise, type Entry } from 'yauzl';
import { StackError } from '../stack-error.ts';
import { exists } from './download.ts';

/**
 * Unpacks a .tar.gz into `dest` through a temporary folder renamed at the end,
 * so an interrupted extraction never looks complete.
 */
export async function extractTarGz(archive: string, dest: string): Promise<void> {
  if (await exists(dest)) return;
  const tmp = `${dest}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await extract({ file: archive, cwd: tmp });
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Unpacks a .txz (tar compressed with xz) into the existing folder `dir`, with the system's `tar`
 * and `xz`: the npm `tar` package reads only gzip. Callers extract into a temporary folder of
 * their own (see extractZip's beforeCommit), so nothing half-unpacked is ever renamed into place.
 */
export async function extractTarXz(archive: string, dir: string): Promise<void> {
  for (const [tool, pkg] of [
    ['tar', 'tar'],
    ['xz', 'xz-utils'],
  ] as const) {
    try {
      await promisify(execFile)(tool, ['--version'], { timeout: 30_000 });
    } catch (error) {
      throw new StackError(
        'PREREQUISITE_MISSING',
        `unpacking ${basename(archive)} needs \`${tool}\`, which could not run`,
        `install it (Debian and Ubuntu: \`apt-get install ${pkg}\`), then start again`,
        { cause: error },
      );
    }
  }
  try {
    await promisify(execFile)('tar', ['-xJf', archive, '-C', dir, '--no-same-owner'], {
      timeout: 10 * 60_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-2).join(' ');
    throw new StackError(
      'DOWNLOAD_FAILED',
      `unpacking ${archive} failed: ${stderr || (error as Error).message}`,
      'delete it from the stack cache (it is downloaded again), then start again',
      { cause: error },
    );
  }
}

export interface ExtractZipOptions {
  /** Extracts only the entries under this folder of the archive, without the folder itself. */
  readonly only?: string;
  /** Runs on the extracted folder before it is renamed into place: a folder that fails it never appears. */
  readonly beforeCommit?: (dir: string) => Promise<void>;
}

/**
 * Unpacks a .zip (a Python wheel, say) into `dest` through a temporary folder renamed at the end,
 * like extractTarGz. Regular files keep the permission bits the archive recorded (a zip made on Unix
 * keeps them in the entry's external attributes), so executables stay executable.
 * Names that would escape `dest` (absolute, `..`) and symbolic links are refused by design.
 */
export async function extractZip(
  archive: string,
  dest: string,
  options: ExtractZipOptions = {},
): Promise<void> {
  if (await exists(dest)) return;
  const prefix = options.only ? `${options.only.replace(/\/+$/, '')}/` : '';
  const tmp = `${dest}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    // yauzl validates every name (no absolute paths, no `..`) and every entry's size as it reads.
    const zip = await openPromise(archive, { strictFileNames: true });
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.startsWith(prefix)) continue;
      const name = entry.fileName.slice(prefix.length);
      if (name === '') continue;
      const { type, permissions } = unixModeOf(entry);
      const target = join(tmp, name);
      if (type === 'directory') {
        await mkdir(target, { recursive: true });
        continue;
      }
      if (type === 'other') throw new Error(`${archive}: ${entry.fileName} is not a regular file or folder`);
      await mkdir(dirname(target), { recursive: true });
      await pipeline(
        await zip.openReadStreamPromise(entry),
        createWriteStream(target, { mode: permissions, flags: 'wx' }),
      );
    }
    await options.beforeCommit?.(tmp);
    await rename(tmp, dest).catch(async (error: unknown) => {
      // Another process finished the same extraction first: theirs is as good as ours.
      if (!(await exists(dest))) throw error;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const MADE_BY_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;

/**
 * The kind and permissions of an entry. Zips made on Unix carry the st_mode in the upper 16 bits
 * of the external attributes; others (or a zero mode) get the usual defaults. Only the rwx bits
 * are kept: an archive must not create setuid files.
 */
function unixModeOf(entry: Pick<Entry, 'fileName' | 'versionMadeBy' | 'externalFileAttributes'>): {
  type: 'file' | 'directory' | 'other';
  permissions: number;
} {
  const mode = entry.versionMadeBy >> 8 === MADE_BY_UNIX ? entry.externalFileAttributes >>> 16 : 0;
  const format = mode & S_IFMT;
  const directory = entry.fileName.endsWith('/') || format === S_IFDIR;
  const type = directory ? 'directory' : format === 0 || format === S_IFREG ? 'file' : 'other';
  const permissions = mode & 0o777 || (directory ? 0o755 : 0o644);
  return { type, permissions };
}
