import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  currentPlatform,
  provisionableJava,
  provisionedJavaPath,
  type ProvisionableJava,
} from '../provision/java-runtime.ts';
import { StackError } from '../stack-error.ts';
import { planJava, type JavaPlan, type JavaPreference } from './java-plan.ts';
import { javaVersionOf, type JavaRuntime } from './java-version.ts';

export type { JavaRuntime } from './java-version.ts';

export interface FindJavaOptions {
  /** STACK_HOME/cache: a runtime provisioned there serves when the machine has none that fits. */
  readonly cache?: string;
  /** `provisioned` ignores the machine's runtimes (SAGA_STACK_JAVA=provisioned). Default `auto`. */
  readonly prefer?: JavaPreference;
  /** The runtime that can be provisioned; default: the one pinned for this platform, if any. */
  readonly provisionable?: ProvisionableJava | undefined;
  /** Named in the error when nothing is pinned; default this machine's `${platform}-${arch}`. */
  readonly platform?: string;
}

/**
 * Finds a Java runtime of at least `minMajor`: the oldest that qualifies on the machine, else the one
 * provisioned into `options.cache`. Throws PREREQUISITE_MISSING when neither fits (see planJava).
 */
export async function findJava(minMajor: number, options: FindJavaOptions = {}): Promise<JavaRuntime> {
  const plan = await javaPlan(minMajor, options);
  if (plan.kind === 'use') return plan.runtime;
  if (plan.kind === 'missing') throw plan.error;
  throw new StackError(
    'PREREQUISITE_MISSING',
    `Java ${minMajor}+ is required and will be downloaded (${plan.runtime.title}), but it is not provisioned yet`,
    'start the stack with `npm start`, which provisions what is missing',
  );
}

/** Gathers what is on the machine and in the cache, and decides how to get a Java of at least `minMajor`. */
export async function javaPlan(minMajor: number, options: FindJavaOptions = {}): Promise<JavaPlan> {
  const prefer = options.prefer ?? 'auto';
  const provisionable = 'provisionable' in options ? options.provisionable : provisionableJava();
  const [machine, provisioned] = await Promise.all([
    prefer === 'provisioned' ? [] : machineJavas(),
    options.cache && provisionable
      ? javaVersionOf(provisionedJavaPath(options.cache, provisionable))
      : undefined,
  ]);
  return planJava({
    minMajor,
    prefer,
    machine,
    provisioned,
    provisionable,
    platform: options.platform ?? currentPlatform,
  });
}

/** Picks the oldest runtime of at least `minMajor` among the given `java` executables. */
export async function findJavaAmong(minMajor: number, paths: readonly string[]): Promise<JavaRuntime> {
  const machine = await versionsOf(paths);
  const plan = planJava({ minMajor, prefer: 'auto', machine, platform: currentPlatform });
  if (plan.kind === 'use') return plan.runtime;
  throw plan.kind === 'missing' ? plan.error : new Error('unreachable: nothing to provision was given');
}

let scanned: Promise<JavaRuntime[]> | undefined;

/**
 * The runtimes on this machine: $JAVA_HOME, `java` on PATH and the usual JVM folders.
 * Scanned once per process: starting a dozen JVMs for every question would cost seconds.
 */
function machineJavas(): Promise<JavaRuntime[]> {
  scanned ??= candidates().then(versionsOf);
  return scanned;
}

async function versionsOf(paths: readonly string[]): Promise<JavaRuntime[]> {
  return (await Promise.all(paths.map(javaVersionOf))).filter((r): r is JavaRuntime => r !== undefined);
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
