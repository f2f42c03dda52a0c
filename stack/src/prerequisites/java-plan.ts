import type { ProvisionableJava } from '../provision/java-runtime.ts';
import { StackError } from '../stack-error.ts';
import type { JavaRuntime } from './java-version.ts';

/**
 * Which runtimes may run the pieces: `auto` prefers the machine's and falls back to the provisioned
 * one; `provisioned` ignores the machine's, so the fallback can be tried on a machine that has a JDK.
 */
export type JavaPreference = 'auto' | 'provisioned';

export interface JavaFacts {
  readonly minMajor: number;
  readonly prefer: JavaPreference;
  /** The runtimes found on the machine (JAVA_HOME, PATH, the usual JVM folders). */
  readonly machine: readonly JavaRuntime[];
  /** The runtime already provisioned into the stack's cache, if any. */
  readonly provisioned?: JavaRuntime | undefined;
  /** The runtime that can be provisioned on this platform, if one is pinned for it. */
  readonly provisionable?: ProvisionableJava | undefined;
  /** Named in the error when nothing can be provisioned here, e.g. `darwin-arm64`. */
  readonly platform: string;
}

export type JavaPlan =
  | { readonly kind: 'use'; readonly runtime: JavaRuntime }
  | { readonly kind: 'provision'; readonly runtime: ProvisionableJava }
  | { readonly kind: 'missing'; readonly error: StackError };

/**
 * Decides, without doing anything, how a piece gets a Java runtime of at least `minMajor`:
 * 1. the oldest fitting machine runtime, so each piece runs on the release closest to what it was
 *    built and tested for (Kafka 3.9 on 17, Apicurio 3.3 on 21+);
 * 2. else the runtime already provisioned into the cache;
 * 3. else provisioning the pinned runtime, when one is pinned for this platform and is new enough;
 * 4. else a PREREQUISITE_MISSING error that says what was found and what to install.
 */
export function planJava(facts: JavaFacts): JavaPlan {
  const { minMajor, prefer, provisioned, provisionable } = facts;
  const machine = prefer === 'provisioned' ? [] : facts.machine;
  const fit = machine.filter((r) => r.major >= minMajor).sort((a, b) => a.major - b.major)[0];
  if (fit) return { kind: 'use', runtime: fit };
  if (provisioned && provisioned.major >= minMajor) return { kind: 'use', runtime: provisioned };
  if (provisionable && provisionable.major >= minMajor) return { kind: 'provision', runtime: provisionable };
  return { kind: 'missing', error: missingJava(facts) };
}

function missingJava({ minMajor, prefer, machine, platform, provisionable }: JavaFacts): StackError {
  if (prefer === 'provisioned') {
    const why = provisionable
      ? `the runtime pinned for ${platform} is Java ${provisionable.major}`
      : `no runtime to download is pinned for ${platform}`;
    return new StackError(
      'PREREQUISITE_MISSING',
      `SAGA_STACK_JAVA=provisioned asks for a downloaded Java ${minMajor}+, but ${why}`,
      `unset SAGA_STACK_JAVA to use a JDK ${minMajor} or newer installed on this machine`,
    );
  }
  const seen = machine.length
    ? `found only ${[...new Set(machine.map((r) => `Java ${r.major} (${r.path})`))].join(', ')}`
    : 'found no Java at all';
  return new StackError(
    'PREREQUISITE_MISSING',
    `Java ${minMajor}+ is required, but ${seen}`,
    `install a JDK ${minMajor} or newer (e.g. Eclipse Temurin) and set JAVA_HOME to it`,
  );
}
