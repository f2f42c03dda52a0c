import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StackError } from '../stack-error.ts';

export interface JavaRuntime {
  readonly path: string;
  readonly major: number;
}

const found = new Map<number, Promise<JavaRuntime>>();

/**
 * Finds a Java runtime of at least `minMajor`, choosing the oldest that qualifies: each piece then
 * runs on the release closest to what it was built and tested for (Kafka 3.9 on 17, Apicurio 3.3 on 21+).
 * Looks at $JAVA_HOME, `java` on PATH and the usual JVM folders. Memoised per version.
 */
export function findJava(minMajor: number): Promise<JavaRuntime> {
  let result = found.get(minMajor);
  if (!result) {
    result = candidates().then((list) => findJavaAmong(minMajor, list));
    found.set(minMajor, result);
  }
  return result;
}

/** Picks the oldest runtime of at least `minMajor` among the given `java` executables. */
export async function findJavaAmong(minMajor: number, paths: readonly string[]): Promise<JavaRuntime> {
  const runtimes = (await Promise.all(paths.map(versionOf))).filter((r): r is JavaRuntime => r !== undefined);
  const fit = runtimes.filter((r) => r.major >= minMajor).sort((a, b) => a.major - b.major)[0];
  if (fit) return fit;
  const seen = runtimes.length
    ? `found only ${[...new Set(runtimes.map((r) => `Java ${r.major} (${r.path})`))].join(', ')}`
    : 'found no Java at all';
  throw new StackError(
    'PREREQUISITE_MISSING',
    `Java ${minMajor}+ is required, but ${seen}`,
    `install a JDK ${minMajor} or newer (e.g. Eclipse Temurin) and set JAVA_HOME to it`,
  );
}

async function candidates(): Promise<string[]> {
  const list = ['java'];
  if (process.env.JAVA_HOME) list.unshift(join(process.env.JAVA_HOME, 'bin', 'java'));
  for (const root of [
    '/usr/lib/jvm',
    '/opt/java',
    '/usr/local/java',
    join(homedir(), '.sdkman/candidates/java'),
  ]) {
    const entries = await readdir(root).catch(() => []);
    list.push(...entries.map((e) => join(root, e, 'bin', 'java')));
  }
  return [...new Set(list)];
}

async function versionOf(path: string): Promise<JavaRuntime | undefined> {
  try {
    const { stderr, stdout } = await promisify(execFile)(path, ['-version'], { timeout: 30_000 });
    const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
    if (!match) return undefined;
    return { path, major: Number(match[1] === '1' ? match[2] : match[1]) };
  } catch {
    return undefined;
  }
}
