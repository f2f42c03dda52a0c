import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StackError } from '../stack-error.ts';

/**
 * The digest a download must have (hex); a mismatch deletes the file. Maven Central publishes a SHA-1
 * for every file; PyPI publishes SHA-256. Exactly one is given.
 */
export type Checksum =
  { readonly sha1: string; readonly sha256?: never } | { readonly sha256: string; readonly sha1?: never };

export type DownloadOptions = Checksum & {
  readonly url: string;
  readonly dest: string;
  readonly onBytes?: (bytes: number, total: number | undefined) => void;
  readonly attempts?: number;
};

/**
 * Downloads to `dest` through a `.part` file renamed only once the checksum matches,
 * so an interrupted or corrupt download never looks complete. Skips files already in place.
 */
export async function download(options: DownloadOptions): Promise<void> {
  if (await exists(options.dest)) return;
  await mkdir(dirname(options.dest), { recursive: true });
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      await downloadOnce(options);
      return;
    } catch (error) {
      if (error instanceof StackError && error.code === 'CHECKSUM_MISMATCH') throw error;
      if (attempt >= attempts) {
        throw new StackError(
          'DOWNLOAD_FAILED',
          `download of ${options.url} failed after ${attempts} attempts: ${describe(error)}`,
          `check the network connection to ${new URL(options.url).host}, then run the command again (finished downloads are kept)`,
          { cause: error },
        );
      }
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

async function downloadOnce(options: DownloadOptions): Promise<void> {
  const { url, dest, onBytes } = options;
  const [algorithm, name, expected] =
    options.sha256 === undefined
      ? (['sha1', 'SHA-1', options.sha1] as const)
      : (['sha256', 'SHA-256', options.sha256] as const);
  const part = `${dest}.part`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10 * 60_000) });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  const total = Number(response.headers.get('content-length')) || undefined;
  const hash = createHash(algorithm);
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      onBytes?.(bytes, total);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body), meter, createWriteStream(part));
    const actual = hash.digest('hex');
    if (actual !== expected.toLowerCase()) {
      throw new StackError(
        'CHECKSUM_MISMATCH',
        `${url} has ${name} ${actual}, expected ${expected}`,
        'the file changed upstream or was corrupted in transit; run the command again, and if it persists report it',
      );
    }
    await rename(part, dest);
  } finally {
    await rm(part, { force: true });
  }
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
