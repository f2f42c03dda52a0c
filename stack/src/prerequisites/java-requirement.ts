import type { PieceContext } from '../pieces/piece.ts';
import { provisionJava, type ProvisionableJava } from '../provision/java-runtime.ts';
import { StackError } from '../stack-error.ts';
import { findJava, javaPlan, type FindJavaOptions, type JavaRuntime } from './find-java.ts';
import type { JavaPreference } from './java-plan.ts';

/**
 * A piece's need for Java, split along the piece's life cycle so that the stack engine stays generic:
 * `check` passes when the machine has a fitting runtime *or one can be provisioned*, `provision`
 * downloads it when needed, and `find` names the runtime to start with.
 */
export interface JavaRequirement {
  readonly minMajor: number;
  /** For Piece.checkPrerequisites: throws PREREQUISITE_MISSING only when nothing can fix it. */
  check(ctx: PieceContext): Promise<void>;
  /** For Piece.provision: provisions the pinned runtime when the machine has none that fits. */
  provision(ctx: PieceContext): Promise<void>;
  /** For Piece.prepare: the runtime to run the piece on. */
  find(ctx: PieceContext): Promise<JavaRuntime>;
}

export interface JavaRequirementOptions {
  /** Read for SAGA_STACK_JAVA; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The runtime that can be provisioned; default: the one pinned for this platform, if any. */
  readonly provisionable?: ProvisionableJava | undefined;
}

export function javaRequirement(minMajor: number, options: JavaRequirementOptions = {}): JavaRequirement {
  const findOptions = (ctx: PieceContext): FindJavaOptions => ({
    cache: ctx.paths.cache,
    prefer: javaPreference(options.env ?? process.env),
    ...('provisionable' in options ? { provisionable: options.provisionable } : {}),
  });
  return {
    minMajor,
    async check(ctx) {
      const plan = await javaPlan(minMajor, findOptions(ctx));
      if (plan.kind === 'missing') throw plan.error;
    },
    async provision(ctx) {
      const plan = await javaPlan(minMajor, findOptions(ctx));
      if (plan.kind === 'missing') throw plan.error;
      if (plan.kind === 'provision') {
        await provisionJava({ cache: ctx.paths.cache, runtime: plan.runtime, reporter: ctx.reporter });
      }
    },
    find: (ctx) => findJava(minMajor, findOptions(ctx)),
  };
}

/**
 * SAGA_STACK_JAVA: unset (or `auto`) uses the machine's Java and provisions one only when none fits;
 * `provisioned` always uses the provisioned runtime, to try the fallback on a machine that has a JDK.
 */
export function javaPreference(env: NodeJS.ProcessEnv): JavaPreference {
  const value = env.SAGA_STACK_JAVA ?? '';
  if (value === '' || value === 'auto') return 'auto';
  if (value === 'provisioned') return 'provisioned';
  throw new StackError(
    'USAGE',
    `SAGA_STACK_JAVA is "${value}", which the launcher does not know`,
    'set SAGA_STACK_JAVA to `provisioned` (always use the Java downloaded from PyPI) or `auto`, or unset it',
  );
}
