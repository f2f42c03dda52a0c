import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Reporter } from '../reporter.ts';
import { StackError } from '../stack-error.ts';
import { exists } from './download.ts';

export interface GoBuildOptions {
  readonly piece: string;
  /** Folder of the Go module (main package at its root). */
  readonly moduleDir: string;
  /** Folder that holds one binary per source hash. */
  readonly cacheDir: string;
  readonly binaryName: string;
  readonly reporter: Reporter;
  readonly go: string;
}

/**
 * Builds a Go module once per version of its sources and returns the binary's path.
 * The binary is keyed by a hash of the module's files, so editing them rebuilds and nothing stale runs.
 */
export async function goBuild(options: GoBuildOptions): Promise<string> {
  const binary = await cachedBinaryPath(options);
  if (await exists(binary)) return binary;
  const tmp = `${binary}.tmp-${process.pid}`;
  await mkdir(dirname(binary), { recursive: true });
  options.reporter.info(options.piece, `building from the Go module proxy (first time only, a few minutes)`);
  const started = Date.now();
  const ticker = setInterval(() => {
    options.reporter.info(options.piece, `still building… ${Math.round((Date.now() - started) / 1000)}s`);
  }, 20_000);
  try {
    const output = await run(
      options.go,
      ['build', '-trimpath', '-ldflags=-s -w', '-o', tmp, '.'],
      options.moduleDir,
    );
    if (output.code !== 0) {
      throw new StackError(
        'BUILD_FAILED',
        `go build of ${options.moduleDir} failed (exit ${output.code}): ${output.text.trim().split('\n').slice(-3).join(' | ')}`,
        'check that the Go module proxy is reachable (GOPROXY) and your Go is recent enough, then run again',
      );
    }
    await rename(tmp, binary);
  } finally {
    clearInterval(ticker);
    await rm(tmp, { force: true });
  }
  options.reporter.info(options.piece, `built in ${Math.round((Date.now() - started) / 1000)}s`);
  return binary;
}

export async function cachedBinaryPath(
  options: Pick<GoBuildOptions, 'moduleDir' | 'cacheDir' | 'binaryName'>,
) {
  const hash = createHash('sha1');
  for (const file of (await readdir(options.moduleDir)).filter((f) => /\.(go|mod|sum)$/.test(f)).sort()) {
    hash.update(file).update(await readFile(join(options.moduleDir, file)));
  }
  return join(options.cacheDir, hash.digest('hex').slice(0, 12), options.binaryName);
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    // CGO off: FerretDB's drivers (pgx, and the pure-Go SQLite it also links) need no C compiler.
    const child = spawn(command, args, { cwd, env: { ...process.env, CGO_ENABLED: '0' } });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? 1, text });
    });
  });
}
