import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** A Java runtime that answered `java -version`. */
export interface JavaRuntime {
  /** The `java` executable. */
  readonly path: string;
  readonly major: number;
}

/**
 * Asks a `java` executable for its version; undefined when it does not run. Running it, rather than
 * reading a `release` file, also proves it can start on this machine (libc, executable bit).
 */
export async function javaVersionOf(path: string): Promise<JavaRuntime | undefined> {
  try {
    const { stderr, stdout } = await promisify(execFile)(path, ['-version'], { timeout: 30_000 });
    const major = parseJavaMajor(stderr + stdout);
    return major === undefined ? undefined : { path, major };
  } catch {
    return undefined;
  }
}

/** The major version in `java -version` output: `version "21.0.8"` is 21, the old `version "1.8.0"` is 8. */
export function parseJavaMajor(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  return Number(match[1] === '1' ? match[2] : match[1]);
}
