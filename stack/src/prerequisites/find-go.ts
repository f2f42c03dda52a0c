import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { StackError } from '../stack-error.ts';

const MIN_GO = [1, 24] as const;

/** Finds a Go toolchain able to build FerretDB; only needed while the store binary is not cached. */
export async function findGo(): Promise<string> {
  let output: string;
  try {
    output = (await promisify(execFile)('go', ['version'], { timeout: 30_000 })).stdout;
  } catch (error) {
    throw new StackError(
      'PREREQUISITE_MISSING',
      `Go ${MIN_GO.join('.')}+ is required once, to build FerretDB (the MongoDB-compatible store), but \`go\` could not run`,
      "install Go 1.24 or newer (from go.dev; Debian 12's golang-go is too old) and put `go` on PATH, or set MONGO_URL to an existing MongoDB",
      { cause: error },
    );
  }
  const match = /go(\d+)\.(\d+)/.exec(output);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    throw new StackError(
      'PREREQUISITE_MISSING',
      `Go ${MIN_GO.join('.')}+ is required to build FerretDB, but found ${output.trim()}`,
      'install a newer Go, or set MONGO_URL to an existing MongoDB',
    );
  }
  return 'go';
}
